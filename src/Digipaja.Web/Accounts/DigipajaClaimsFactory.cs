using System.Security.Claims;
using Digipaja.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Digipaja.Web.Accounts;

/// <summary>Puts the user's county, role and name into the sign-in cookie and API tokens.</summary>
public sealed class DigipajaClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, DigipajaDb db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DigipajaClaims.County, user.CountyId.ToString()));
        var countyName = await db.Counties.Where(c => c.Id == user.CountyId).Select(c => c.Name).SingleAsync();
        identity.AddClaim(new Claim(DigipajaClaims.CountyName, countyName));
        identity.AddClaim(new Claim(DigipajaClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(DigipajaClaims.UserVersion, user.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
