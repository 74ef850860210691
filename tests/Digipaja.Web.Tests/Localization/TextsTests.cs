using System.Net;
using System.Text.RegularExpressions;
using Digipaja.Web.Localization;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Localization;

public sealed partial class TextsTests
{
    private readonly Texts texts = new();

    [Fact]
    public void Finnish_swedish_and_english_hold_the_same_keys()
    {
        var fi = texts.All("fi").Keys.Order().ToList();
        Assert.Equal(fi, texts.All("sv").Keys.Order().ToList());
        Assert.Equal(fi, texts.All("en").Keys.Order().ToList());
    }

    [Fact]
    public void No_text_is_empty_or_left_untranslated_as_its_key()
    {
        foreach (var language in Texts.Languages)
            Assert.All(texts.All(language), pair =>
            {
                Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{language}:{pair.Key} is empty");
                Assert.NotEqual(pair.Key, pair.Value);
            });
    }

    [Fact]
    public void Every_key_the_code_names_has_a_text()
    {
        // The rules in Core name the keys of their errors too; the web project shows them.
        var used = new[] { "Digipaja.Web", "Digipaja.Core" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src", project), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .Where(k => !k.EndsWith(".json")) // built-in content files, not texts
            .ToHashSet();
        Assert.NotEmpty(used);
        var missing = used.Where(k => !texts.All("fi").ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Keys without a text: " + string.Join(", ", missing));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Digipaja.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found");
    }

    // A quoted dotted key such as "admin.title" or "validation.required": the shape of every text key.
    [GeneratedRegex("\"(?<key>(?:layout|nav|signin|form|status|home|validation|api|admin|field|history|entity|role|user|metric|identity|series|worksheet|workshop|template|live|vote|follow|plan|roadmap|export|version|gap|question|share|deployment)\\.[a-z0-9_.]+)\"")]
    private static partial Regex KeyUse();
}

public abstract class LanguageSwitchTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : LanguageSwitchTests(app);

    [Fact]
    public async Task Finnish_is_the_default_even_for_a_browser_asking_for_english()
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var page = await client.GetHtml("/Account/SignIn");
        Assert.Equal("fi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Kirjaudu sisään", page.QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData("sv", "Logga in")]
    [InlineData("en", "Sign in")]
    public async Task The_chosen_language_is_remembered_across_pages(string language, string heading)
    {
        var client = await app.SignedIn(DigipajaApp.WestViewer);
        var response = await client.PostForm("/Language", new() { ["language"] = language, ["returnUrl"] = "/" }, pageUrl: "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);

        var home = await client.GetHtml("/");
        Assert.Equal(language, home.DocumentElement.GetAttribute("lang"));
        var anonymous = app.Anonymous();
        anonymous.DefaultRequestHeaders.Add("Cookie", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        Assert.Equal(heading, (await anonymous.GetHtml("/Account/SignIn")).QuerySelector("h1")?.TextContent);
    }
}
