using Digipaja.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests;

/// <summary>Finnish by default, Swedish and English on request, and the choice is remembered (WCAG 3.1.1).</summary>
public sealed class LanguageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task App_opens_in_Finnish_although_the_browser_asks_for_English()
    {
        var response = await Page.GotoAsync("/Account/SignIn");

        Assert.StartsWith("en", await response!.Request.HeaderValueAsync("accept-language") ?? "");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "fi");
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Kirjaudu sisään");
        await Expect(Page.Locator(".language-switch button[value=fi]")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task Visitor_can_switch_the_sign_in_page_to_Swedish_and_English()
    {
        await Page.GotoAsync("/Account/SignIn");

        await Page.Locator(".language-switch button[value=sv]").ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Logga in");
        await Expect(Page.Locator("label[for=Input_Email]")).ToHaveTextAsync("E-postadress");
        await Expect(Page).ToHaveURLAsync(Fixture.App.BaseAddress + "Account/SignIn");

        await Page.Locator(".language-switch button[value=en]").ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Sign in");
        await Expect(Page.Locator(".language-switch button[value=en]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(Page.Locator(".language-switch button[value=fi]")).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [Fact]
    public async Task Viewer_can_switch_the_language_and_it_is_remembered()
    {
        await Page.SignInAsync(DemoUsers.Viewer);
        await Expect(Page.Locator("main h2")).ToHaveTextAsync("Palvelualueet ja palvelulinjat");

        await Page.Locator(".language-switch button[value=sv]").ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        await Expect(Page.Locator("main h2")).ToHaveTextAsync("Serviceområden och servicelinjer");
        await Expect(Page.Locator(".sign-out button")).ToHaveTextAsync("Logga ut");

        // Another page, reached by following a link.
        await Page.GotoAsync("/Status/404");
        await Page.Locator("main a[href='/']").ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        await Expect(Page.Locator(".main-nav a[aria-current=page]")).ToHaveTextAsync("Startsida");

        await Page.Locator(".language-switch button[value=en]").ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(Page.Locator("main h2")).ToHaveTextAsync("Service areas and service lines");

        // A new tab of the same browser loads the page afresh.
        var again = await Page.Context.NewPageAsync();
        await again.GotoAsync("/");
        await Expect(again.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(again.Locator(".sign-out button")).ToHaveTextAsync("Sign out");
        await Expect(again.Locator("main h2")).ToHaveTextAsync("Service areas and service lines");
    }

    [Fact]
    public async Task Chosen_language_stays_after_signing_out()
    {
        await Page.SignInAsync(DemoUsers.Participant);
        await Page.Locator(".language-switch button[value=sv]").ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "sv");

        await Page.Locator(".sign-out button").ClickAsync();

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Logga in");
    }
}
