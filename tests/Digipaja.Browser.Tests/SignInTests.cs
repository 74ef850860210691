using Digipaja.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests;

public sealed class SignInTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    public static TheoryData<string> Users() => [.. DemoUsers.All.Select(u => u.Email)];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Demo_user_signs_in_and_sees_only_their_own_county(string email)
    {
        var user = DemoUsers.ByEmail(email);

        await Page.SignInAsync(user);

        await Expect(Page).ToHaveURLAsync(Fixture.App.BaseAddress + "");
        await Expect(Page.Locator(".site-header__county")).ToHaveTextAsync(user.CountyName);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(user.CountyName);
        var text = await Page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain(DemoUsers.OtherCounty(user), text);
    }

    [Fact]
    public async Task Wrong_password_shows_the_error_summary_with_focus_on_it_and_keeps_the_email()
    {
        await Page.GotoAsync("/Account/SignIn");
        await Page.Locator("#Input_Email").FillAsync(DemoUsers.Participant.Email);
        await Page.Locator("#Input_Password").FillAsync("Not-the-password-1");
        await Page.Locator("main form button[type=submit]").ClickAsync();

        var summary = Page.Locator(".error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("Sähköpostiosoite tai salasana on väärin, tai tili on lukittu");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(Page.Locator("#Input_Email")).ToHaveValueAsync(DemoUsers.Participant.Email);
        await Expect(Page.Locator(".site-header__county")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Empty_fields_are_listed_in_the_error_summary_with_links_to_the_fields()
    {
        await Page.GotoAsync("/Account/SignIn");
        await Page.Locator("main form button[type=submit]").ClickAsync();

        var summary = Page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("a[href='#Input_Email']")).ToHaveCountAsync(1);
        await Expect(summary.Locator("a[href='#Input_Password']")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#Input_Email")).ToHaveAttributeAsync("aria-invalid", "true");

        await summary.Locator("a[href='#Input_Email']").ClickAsync();
        await Expect(Page.Locator("#Input_Email")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Signed_in_user_signs_out_and_can_no_longer_open_the_home_page()
    {
        await Page.SignInAsync(DemoUsers.Viewer);

        await Page.Locator(".sign-out button").ClickAsync();

        await Expect(Page).ToHaveURLAsync(Fixture.App.BaseAddress + "Account/SignIn");
        await Expect(Page.Locator(".site-header__county")).ToHaveCountAsync(0);
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/SignIn\\?ReturnUrl=%2F$"));
        await Expect(Page.Locator("#Input_Email")).ToBeVisibleAsync();
    }
}
