using System.Globalization;
using Digipaja.Core.Plans;
using Digipaja.Web.Accounts;
using Digipaja.Web.Api;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Plans;

/// <summary>What the three plan pages (county, service area, service line) share: loading, filters and navigation.</summary>
public abstract class PlanPage(DigipajaDb db, PlanLoader loader, Access access, Texts texts) : PageModel
{
    public sealed record AreaLink(Guid Id, string Code, string Name, IReadOnlyList<(Guid Id, string Code, string Name)> Lines);

    protected Texts T { get; } = texts;
    public Plan Plan { get; private set; } = null!;
    public PlanFilter Filter { get; private set; } = new();
    public bool FilterInvalid { get; private set; }
    public IReadOnlyList<AreaLink> Areas { get; private set; } = [];
    public IReadOnlyList<FunctionalityRef> AllFunctionalities { get; private set; } = [];
    public bool CanPublish => access.CanPublish;
    public abstract PlanLevel Level { get; }

    /// <summary>The query string of the current filter, for links that keep it (exports, print).</summary>
    public string FilterQuery => Request.QueryString.Value ?? "";

    protected async Task<IActionResult> LoadAsync(Guid? id, CancellationToken ct)
    {
        // Viewers read the published versions of the plan, not worksheet content as it is being written.
        // Those who read published versions but not the current plan (viewers) are shown the versions instead.
        if (!access.CanReadPlans) return access.CanReadVersions ? Redirect("/Plans/Versions") : Forbid();
        if (await loader.LoadAsync(Level, id, ct) is not { } plan) return NotFound();
        var filter = PlansApi.ReadFilter(Request.Query);
        FilterInvalid = filter is null;
        Filter = filter ?? new PlanFilter();
        AllFunctionalities = plan.Functionalities;
        Plan = Filter.Apply(plan);
        var areas = await db.ServiceAreas.AsNoTracking().Include(a => a.ServiceLines).OrderBy(a => a.SortOrder).ThenBy(a => a.Name).ToListAsync(ct);
        Areas = areas.Select(a => new AreaLink(a.Id, a.Code, a.Name,
            a.ServiceLines.OrderBy(l => l.Code, StringComparer.Ordinal).Select(l => (l.Id, l.Code, l.Name)).ToList())).ToList();
        return Page();
    }

    public string Title => PlanDownloads.TitleOf(Plan, T);

    public static string Date(DateOnly? date) => date?.ToString("d.M.yyyy", CultureInfo.InvariantCulture) ?? "";
}
