using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Digipaja.Web.Accounts;

/// <summary>Issues and checks the API's bearer tokens (data-protected tickets of the built-in bearer scheme).</summary>
public sealed class TokenIssuer(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IOptionsMonitor<BearerTokenOptions> bearer,
    IOptions<IdentityOptions> identity,
    TimeProvider time)
{
    public async Task<string> IssueAsync(AppUser user)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var properties = new AuthenticationProperties { ExpiresUtc = time.GetUtcNow() + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, IdentityConstants.BearerScheme)),
            properties, IdentityConstants.BearerScheme);
        return options.BearerTokenProtector.Protect(ticket);
    }

    /// <summary>A token outlives nothing: once its user is deactivated or their security stamp changes, it stops working.</summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.IsActive) return false;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
