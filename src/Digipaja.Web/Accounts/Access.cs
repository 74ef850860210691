using Digipaja.Core.Workshops;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Accounts;

/// <summary>What the caller may do in a series of their own county.</summary>
public enum SeriesPermission
{
    None = 0,
    /// <summary>Invited participant: reads the series and writes into its worksheets.</summary>
    Participate = 1,
    /// <summary>Facilitator: also runs the series (workshops, invitations, ideation, reveal).</summary>
    Facilitate = 2,
}

/// <summary>
/// Who may read or write what, in one place for the pages, the API and the live stream, following the role table of
/// DOMAIN.md ("Who may do what"):
/// <list type="bullet">
/// <item>administrators and facilitators create and run every series of their county, membership or not;</item>
/// <item>a participant reads and writes the worksheets of the series they were invited to, in the role they were
/// invited in (a series may also have its own facilitators); a viewer none, whatever their membership;</item>
/// <item>administrators, facilitators and participants read the county's current plans; viewers read published
/// versions, which everyone of the county reads;</item>
/// <item>administrators and facilitators publish, share and copy versions.</item>
/// </list>
/// Another county's things are never found at all (the database's county filter), so they answer 404 before any of
/// this is asked. The rules are static functions of a county role and a series role, so that an open live stream can
/// ask them again about its user after the request that opened it is gone.
/// </summary>
public sealed class Access(DigipajaDb db, Caller caller)
{
    // The rules.

    /// <summary>What a user with this county role, and this role in the series (if any), may do in the series.</summary>
    public static SeriesPermission InSeries(Role? countyRole, SeriesRole? member)
    {
        if (RunsEverySeriesAs(countyRole)) return SeriesPermission.Facilitate;
        // Viewers read published plans, not worksheets: a membership from before a change to viewer opens nothing.
        if (countyRole is not Role.Participant) return SeriesPermission.None;
        return member switch
        {
            SeriesRole.Facilitator => SeriesPermission.Facilitate,
            SeriesRole.Participant => SeriesPermission.Participate,
            _ => SeriesPermission.None,
        };
    }

    public static bool CanReadWorksheetAs(Role? countyRole, SeriesRole? member) => InSeries(countyRole, member) != SeriesPermission.None;

    /// <summary>Everyone who reads a worksheet also writes into it: a participant's part is to add and edit content.</summary>
    public static bool CanWriteWorksheetAs(Role? countyRole, SeriesRole? member) => InSeries(countyRole, member) != SeriesPermission.None;

    public static bool CanFacilitateAs(Role? countyRole, SeriesRole? member) => InSeries(countyRole, member) == SeriesPermission.Facilitate;

    public static bool RunsEverySeriesAs(Role? countyRole) => countyRole is Role.Administrator or Role.Facilitator;

    public static bool CanReadPlansAs(Role? countyRole) => countyRole is Role.Administrator or Role.Facilitator or Role.Participant;

    public static bool CanReadVersionsAs(Role? countyRole) => countyRole is not null;

    public static bool CanPublishAs(Role? countyRole) => countyRole is Role.Administrator or Role.Facilitator;

    // The same rules for the caller.

    /// <summary>The caller's role in their county, or null for someone not signed in.</summary>
    public Role? CountyRole => Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(r => caller.IsInRole(r!.Value));

    /// <summary>The caller's county role (administrator or facilitator) opens every series, membership or not.</summary>
    public bool RunsEverySeries => RunsEverySeriesAs(CountyRole);

    public bool CanCreateSeries => RunsEverySeries;

    /// <summary>The county's current plans (line, area, county) and the roadmap.</summary>
    public bool CanReadPlans => CanReadPlansAs(CountyRole);

    /// <summary>Published plan versions of the county, and those other counties share.</summary>
    public bool CanReadVersions => CanReadVersionsAs(CountyRole);

    /// <summary>Publish, share and copy plan versions.</summary>
    public bool CanPublish => CanPublishAs(CountyRole);

    /// <summary>The caller's permission in a series, for a caller whose role in it (if any) was read with other data.</summary>
    public SeriesPermission InSeries(SeriesRole? member) => InSeries(CountyRole, member);

    /// <summary>The caller's permission in a series of their county, read from its members when needed.</summary>
    public async Task<SeriesPermission> InSeriesAsync(Guid seriesId, CancellationToken ct = default)
    {
        if (RunsEverySeries) return SeriesPermission.Facilitate;
        var member = await db.SeriesMembers.Where(m => m.SeriesId == seriesId && m.UserId == caller.UserId)
            .Select(m => (SeriesRole?)m.Role).FirstOrDefaultAsync(ct);
        return InSeries(member);
    }

    public async Task<bool> CanReadWorksheetAsync(Guid seriesId, CancellationToken ct = default) =>
        await InSeriesAsync(seriesId, ct) != SeriesPermission.None;

    public async Task<bool> CanWriteWorksheetAsync(Guid seriesId, CancellationToken ct = default) =>
        await InSeriesAsync(seriesId, ct) != SeriesPermission.None;

    public async Task<bool> CanFacilitateAsync(Guid seriesId, CancellationToken ct = default) =>
        await InSeriesAsync(seriesId, ct) == SeriesPermission.Facilitate;

    /// <summary>The series the caller can see: all of the county's for those who run every series, their own for the rest.</summary>
    public IQueryable<WorkshopSeries> VisibleSeries() =>
        RunsEverySeries ? db.WorkshopSeries : db.WorkshopSeries.Where(s => s.Members.Any(m => m.UserId == caller.UserId));
}
