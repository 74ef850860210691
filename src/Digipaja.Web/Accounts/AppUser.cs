using Digipaja.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Digipaja.Web.Accounts;

/// <summary>The four roles of a county. A user belongs to exactly one county and has one role there.</summary>
public enum Role
{
    Administrator = 1,
    Facilitator = 2,
    Participant = 3,
    Viewer = 4,
}

public sealed class AppUser : IdentityUser<Guid>, ICountyOwned, IVersioned, IAudited
{
    public AppUser() => Id = Guid.CreateVersion7();

    public Guid CountyId { get; set; }
    public string DisplayName { get; set; } = "";
    public Role Role { get; set; } = Role.Viewer;
    /// <summary>A deactivated user cannot sign in or use a token, but stays in the history they wrote.</summary>
    public bool IsActive { get; set; } = true;
    public int Version { get; set; } = 1;
}

public static class DigipajaClaims
{
    public const string County = "digipaja:county";
    public const string CountyName = "digipaja:county-name";
    public const string DisplayName = "digipaja:name";
    /// <summary>The user's <see cref="AppUser.Version"/> when the claims were made: a sign-in cookie whose user changed since is renewed.</summary>
    public const string UserVersion = "digipaja:user-version";
}
