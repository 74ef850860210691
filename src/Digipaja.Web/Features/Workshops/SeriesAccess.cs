using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Workshops;

/// <summary>What the caller may do in a series of their own county.</summary>
public enum SeriesPermission
{
    None = 0,
    /// <summary>Invited participant: reads the series and writes into its worksheets.</summary>
    Participate = 1,
    /// <summary>Facilitator: also runs the series (workshops, invitations, ideation, reveal).</summary>
    Facilitate = 2,
}

public sealed class SeriesAccess(DigipajaDb db, Caller caller)
{
    /// <summary>
    /// Administrators and the county's facilitators run every series of the county; anyone else acts only in the
    /// series they were invited to, in the role they were invited in. Viewers read published plans, not worksheets.
    /// </summary>
    public async Task<SeriesPermission> PermissionAsync(Guid seriesId, CancellationToken ct = default)
    {
        if (RunsEverySeries) return SeriesPermission.Facilitate;
        var member = await db.SeriesMembers.Where(m => m.SeriesId == seriesId && m.UserId == caller.UserId)
            .Select(m => (SeriesRole?)m.Role).FirstOrDefaultAsync(ct);
        return PermissionFor(member);
    }

    /// <summary>The same rule, for a caller whose role in the series (if any) was read with other data.</summary>
    public SeriesPermission PermissionFor(SeriesRole? member) => PermissionOf(RunsEverySeries, member);

    /// <summary>
    /// The rule itself, for a user known by their county role rather than as the caller (an open live stream checks
    /// its user again with it when their access changes).
    /// </summary>
    public static SeriesPermission PermissionOf(Role countyRole, SeriesRole? member) =>
        PermissionOf(countyRole is Role.Administrator or Role.Facilitator, member);

    private static SeriesPermission PermissionOf(bool runsEverySeries, SeriesRole? member)
    {
        if (runsEverySeries) return SeriesPermission.Facilitate;
        return member switch
        {
            SeriesRole.Facilitator => SeriesPermission.Facilitate,
            SeriesRole.Participant => SeriesPermission.Participate,
            _ => SeriesPermission.None,
        };
    }

    /// <summary>The caller's county role (administrator or facilitator) opens every series, membership or not.</summary>
    public bool RunsEverySeries => caller.IsInRole(Role.Administrator) || caller.IsInRole(Role.Facilitator);

    public bool CanCreateSeries => RunsEverySeries;

    /// <summary>The series the caller can see: all of the county's for facilitators, their own for participants.</summary>
    public IQueryable<WorkshopSeries> Visible() =>
        CanCreateSeries ? db.WorkshopSeries : db.WorkshopSeries.Where(s => s.Members.Any(m => m.UserId == caller.UserId));
}
