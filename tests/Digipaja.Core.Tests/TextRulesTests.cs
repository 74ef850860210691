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

public sealed class UnusualCharacterRulesTests
{
    [Theory]
    [InlineData("abc\u202Edef")]
    [InlineData("\u202Aupotus")]
    [InlineData("isolate\u2066x\u2069")]
    [InlineData("x\u2068y")]
    public void Bidirectional_controls_are_refused(string value) =>
        Assert.Equal("validation.direction_controls", TextRules.CheckRequired("text", value, 200)?.MessageKey);

    [Theory]
    [InlineData("vaihe\uFFFF")]
    [InlineData("\uFFFEalku")]
    [InlineData("a\uFDD0b")]
    [InlineData("a\uFDEFb")]
    [InlineData("plane one \U0001FFFE")]
    [InlineData("plane sixteen \U0010FFFF")]
    public void Noncharacters_are_refused(string value) =>
        Assert.Equal("validation.invalid_characters", TextRules.CheckOptional("text", value, 200)?.MessageKey);

    [Fact]
    public void Lone_surrogates_are_refused()
    {
        // Built here, not in attributes: metadata keeps strings as UTF-8, where a lone surrogate cannot survive.
        string[] texts = ["half an emoji " + '\uD83D', '\uDE00' + " low half first", "reversed " + '\uDE00' + '\uD83D' + " pair", "end " + '\uD83D'];
        Assert.All(texts, t => Assert.Equal("validation.invalid_characters", TextRules.CheckOptional("text", t, 200)?.MessageKey));
    }

    [Theory]
    [InlineData("perhe 👨‍👩‍👧 ja 👍🏽")]
    [InlineData("🏳️‍🌈 sateenkaari")]
    [InlineData("ZWNJ\u200Cin Persian")]
    [InlineData("\uFDCF and \uFDF0 are ordinary")]
    [InlineData("עברית ja suomi")]
    public void Emoji_with_joiners_and_ordinary_scripts_are_accepted(string value)
    {
        Assert.Null(TextRules.CheckRequired("text", value, 200));
        Assert.Null(TextRules.CheckRequiredName("name", value, 200));
    }

    [Theory]
    [InlineData("Matti\u200BMeikäläinen")]
    [InlineData("\uFEFFAnna")]
    [InlineData("Anna\u200F")]
    [InlineData("Anna\u2060Liisa")]
    public void Names_refuse_zero_width_characters_and_direction_marks(string value)
    {
        Assert.Equal("validation.invisible_characters", TextRules.CheckRequiredName("DisplayName", value, 200)?.MessageKey);
        Assert.Null(TextRules.CheckRequired("text", value, 200)); // a note may hold them
    }

    [Fact]
    public void A_name_with_a_direction_override_is_refused_as_a_direction_control() =>
        Assert.Equal("validation.direction_controls", TextRules.CheckRequiredName("DisplayName", "Anna\u202Egpj.exe", 200)?.MessageKey);
}

public sealed class DisplayTextTests
{
    [Fact]
    public void Shortening_never_cuts_a_surrogate_pair()
    {
        var text = new string('a', 23) + "😀😀😀 loppu";
        var cut = DisplayText.Shorten(text, 25);
        Assert.Equal(new string('a', 23) + "…", cut);
        Assert.DoesNotContain(cut, c => char.IsSurrogate(c));
    }

    [Fact]
    public void Shortening_keeps_an_emoji_with_its_joiners_whole_or_leaves_it_out()
    {
        var family = "👨‍👩‍👧"; // eight UTF-16 units, one character as read
        var text = "ab" + family + "cdefgh";
        Assert.Equal("ab…", DisplayText.Shorten(text, 8));
        Assert.Equal("ab" + family + "…", DisplayText.Shorten(text, 11));
    }

    [Fact]
    public void Short_text_is_kept_as_it_is() => Assert.Equal("lyhyt", DisplayText.Shorten("lyhyt", 5));

    [Fact]
    public void Cutting_stops_before_a_pair_that_would_not_fit() =>
        Assert.Equal("abc", DisplayText.Cut("abc😀", 4));

    [Fact]
    public void Text_for_xml_has_its_impossible_characters_replaced_and_its_emoji_kept() =>
        Assert.Equal("a\uFFFDb\uFFFDc\uFFFD😀\tline\n", DisplayText.XmlSafe("a\uFFFFb\uD83Dc\u0001😀\tline\n"));

    [Fact]
    public void Text_fit_for_xml_is_returned_as_it_is()
    {
        var text = "Tavallinen teksti 😀";
        Assert.Same(text, DisplayText.XmlSafe(text));
    }
}
