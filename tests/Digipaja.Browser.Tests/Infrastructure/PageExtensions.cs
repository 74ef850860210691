using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>Signs in through the form, as a person would, and waits for the home page.</summary>
    public static async Task SignInAsync(this IPage page, DemoUser user)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.Locator("#Input_Email").FillAsync(user.Email);
        await page.Locator("#Input_Password").FillAsync(DemoUser.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator(".site-header__county")).ToHaveTextAsync(user.CountyName);
    }

    /// <summary>The id and class of the element that has the keyboard focus.</summary>
    public static Task<string> FocusedElementAsync(this IPage page) =>
        page.EvaluateAsync<string>(
            "() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}#${e.id}.${e.className}` : ''; }");
}
