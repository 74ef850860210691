using System.Security.Claims;

namespace Digipaja.Web.Accounts;

/// <summary>
/// Who is making the current request. The database context reads the county from here for its
/// query filters, so a request without a signed-in user sees no county data at all.
/// </summary>
public sealed class Caller(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public Guid? CountyId =>
        Guid.TryParse(Principal?.FindFirstValue(DigipajaClaims.County), out var id) ? id : null;

    public Guid? UserId =>
        Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? UserName => Principal?.FindFirstValue(DigipajaClaims.DisplayName) ?? Principal?.Identity?.Name;

    public string? CountyName => Principal?.FindFirstValue(DigipajaClaims.CountyName);

    public bool IsInRole(Role role) => Principal?.IsInRole(role.ToString()) ?? false;
}
