using Microsoft.Playwright;

namespace Digipaja.Browser.Tests.Infrastructure;

/// <summary>
/// Faults in the app's markup that these tests found and that are fixed in the app, not here. A test that
/// fails because of one carries [Trait("MarkupBug", ...)] and checks for the fault first, so that its
/// failure names the fault and the fix. Remove an entry once the fix is in.
/// </summary>
public static class MarkupBugs
{
    public const string HeaderFormsWithoutAntiforgeryToken =
        "Features/Shared/_Layout.cshtml: the language switch and sign-out forms have an explicit action attribute, " +
        "so the form tag helper leaves out the anti-forgery token and POST /Language and POST /Account/SignOut answer 400. " +
        "Fix: add asp-antiforgery=\"true\" to both <form> elements (or use asp-page=\"/Language\" and asp-page=\"/Account/SignOut\"). " +
        "Main has this fix (commit 47e8ccc uses asp-page); once this branch is merged with it, delete this entry and its checks.";

    /// <summary>Fails with the description of <see cref="HeaderFormsWithoutAntiforgeryToken"/> when the form lacks the token.</summary>
    public static async Task AssertFormHasAntiforgeryTokenAsync(IPage page, string formSelector)
    {
        var tokens = await page.Locator($"{formSelector} input[name=__RequestVerificationToken]").CountAsync();
        Assert.True(tokens == 1, $"KNOWN MARKUP BUG ({formSelector}): {HeaderFormsWithoutAntiforgeryToken}");
    }
}
