using Digipaja.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Digipaja.Web.Features.Account;

/// <summary>Signing out is a POST with the anti-forgery token, so no link on another site can sign a user out.</summary>
public sealed class SignOutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        // Deleting the cookie in this browser is not enough: a copy of it (another tab's capture, a stolen cookie)
        // would stay valid until it expires. A new security stamp ends every session, token and live stream of the
        // user on every node (the cookie is checked against the stamp on each request, see CookieValidation).
        if (await signIn.UserManager.GetUserAsync(User) is { } user) await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return Redirect("/Account/SignIn");
    }
}
