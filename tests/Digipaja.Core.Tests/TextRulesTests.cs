using Digipaja.Core.Common;

namespace Digipaja.Core.Tests;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_required(string? value) =>
        Assert.Equal("validation.required", TextRules.CheckRequired("Name", value, 200)?.MessageKey);

    [Fact]
    public void Text_over_the_limit_is_too_long()
    {
        Assert.Null(TextRules.CheckRequired("Name", new string('a', 2000), 2000));
        Assert.Equal("validation.too_long", TextRules.CheckRequired("Name", new string('a', 2001), 2000)?.MessageKey);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("bell\u0007")]
    [InlineData("esc\u001b[31m")]
    public void Control_characters_are_refused(string value) =>
        Assert.Equal("validation.control_characters", TextRules.CheckRequired("Name", value, 200)?.MessageKey);

    [Fact]
    public void Line_breaks_and_tabs_are_ordinary_text() =>
        Assert.Null(TextRules.CheckRequired("Name", "first line\nsecond\tline", 200));

    [Theory]
    [InlineData("NAO")]
    [InlineData("IKÄ")]
    [InlineData("KOPA-2")]
    [InlineData("ERIT")]
    public void Codes_of_letters_digits_and_hyphens_are_accepted(string code) => Assert.Null(TextRules.CheckCode("Code", code));

    [Theory]
    [InlineData("-AB", "validation.code_format")]
    [InlineData("A B", "validation.code_format")]
    [InlineData("<b>", "validation.code_format")]
    [InlineData("ABCDEFGHIJKLM", "validation.too_long")]
    [InlineData("", "validation.required")]
    public void Malformed_codes_are_refused(string code, string key) => Assert.Equal(key, TextRules.CheckCode("Code", code)?.MessageKey);

    [Fact]
    public void Codes_are_compared_in_upper_case() => Assert.Equal("NAO", TextRules.NormalizeCode(" nao "));

    [Theory]
    [InlineData("chat", true)]
    [InlineData("health-data", true)]
    [InlineData("Chat", false)]
    [InlineData("chat bot", false)]
    [InlineData("-chat", false)]
    public void Keys_are_lower_case_ascii_with_hyphens(string key, bool valid) =>
        Assert.Equal(valid, TextRules.CheckKey("Key", key) is null);
}
