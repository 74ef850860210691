using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Digipaja.Web.Accounts;

/// <summary>
/// Checks the sign-in cookie on every request: a cookie whose user was deactivated, or whose security stamp is no
/// longer the user's (sign-out, a new password, a new role), is refused, so a cookie captured before sign-out is of
/// no use afterwards. The user's state comes from <see cref="TokenValidity"/>'s memory, which a change of the user
/// clears on every node, so the check costs no database read while nothing changes.
/// </summary>
public static class CookieValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        if (context.Principal is not { } principal
            || await http.RequestServices.GetRequiredService<TokenValidity>().StateIfValidAsync(principal, http.RequestAborted) is not { } state)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // The user changed in a way that leaves the session valid (a new name, say): the cookie is made again from
        // the user as they are now, as Identity's validator did on every request.
        if (principal.FindFirst(DigipajaClaims.UserVersion)?.Value != state.Version.ToString(CultureInfo.InvariantCulture))
        {
            var signIn = http.RequestServices.GetRequiredService<SignInManager<AppUser>>();
            if (await signIn.UserManager.GetUserAsync(principal) is not { } user)
            {
                context.RejectPrincipal();
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(user));
            context.ShouldRenew = true;
        }
    }
}
