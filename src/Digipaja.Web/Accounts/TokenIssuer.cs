using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Digipaja.Web.Accounts;

/// <summary>
/// Issues the API's bearer tokens (data-protected tickets of the built-in bearer scheme); <see cref="TokenValidity"/>
/// checks on every request that they have not been revoked.
/// </summary>
public sealed class TokenIssuer(
    SignInManager<AppUser> signIn,
    IOptionsMonitor<BearerTokenOptions> bearer,
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
}
