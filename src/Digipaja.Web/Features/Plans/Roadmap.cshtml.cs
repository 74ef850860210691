using Digipaja.Core.Plans;
using Digipaja.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Plans;

/// <summary>The county-wide roadmap: service lines × time as a picture, and the same facts as a table.</summary>
public sealed class RoadmapModel(DigipajaDb db, PlanLoader loader, Access access, Texts texts)
    : PlanPage(db, loader, access, texts)
{
    private readonly DigipajaDb db = db;
    private PlanLevel level = PlanLevel.County;
    public override PlanLevel Level => level;

    [BindProperty(SupportsGet = true, Name = "zoom")] public string? ZoomText { get; set; }
    [BindProperty(SupportsGet = true, Name = "line")] public Guid? LineId { get; set; }
    public RoadmapZoom Zoom => ZoomText == "month" ? RoadmapZoom.Month : RoadmapZoom.Quarter;
    public RoadmapChart? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // One service line, or the county narrowed by the usual filters (area among them).
        if (LineId is { } line)
        {
            if (!await db.ServiceLines.AnyAsync(l => l.Id == line, ct)) return NotFound();
            level = PlanLevel.ServiceLine;
        }
        var result = await LoadAsync(LineId, ct);
        if (result is PageResult) Chart = RoadmapChart.For(Plan.Roadmap, Zoom);
        return result;
    }

    public string ServiceLabel(RoadmapService s) => PlanTerms.ServiceName(T, Texts.CurrentLanguage, s);

    /// <summary>Links to the same roadmap with another zoom, keeping the rest of the query.</summary>
    public string ZoomLink(RoadmapZoom zoom)
    {
        var query = Request.Query.Where(q => q.Key != "zoom").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append("zoom=" + (zoom == RoadmapZoom.Month ? "month" : "quarter"));
        return "/Plans/Roadmap?" + string.Join("&", query);
    }

}
