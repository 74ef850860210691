using Digipaja.Core.Organisation;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Plans.Versions;

/// <summary>
/// Copies a version's structure into a new workshop series for one of the caller's own service lines; what that
/// means is written at <see cref="PlanVersions.CopyAsync"/>. The page says beforehand what will be copied and skipped.
/// </summary>
public sealed class CopyModel(PlanVersions versions, DigipajaDb db, Texts texts) : VersionsPage(texts)
{
    public sealed class InputModel
    {
        // Read as text so that a malformed value is our own localized error, not the model binder's.
        public string? ServiceLineId { get; set; }
        public string? Name { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public VersionInfo Version { get; private set; } = null!;
    public List<string> Copied { get; private set; } = [];
    public List<string> Skipped { get; private set; } = [];
    public List<string> ServiceNames { get; private set; } = [];
    public List<ServiceArea> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return versions.CanCopy ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!versions.CanCopy) return Forbid();
        var lineId = Guid.TryParse(Input.ServiceLineId, out var parsed) ? parsed : (Guid?)null;
        var result = await versions.CopyAsync(id, lineId, Input.Name, ct);
        return Outcome(result, copy =>
        {
            Notice("share.notice.copied", copy.SeriesName);
            return Redirect($"/Workshops/Series/{copy.SeriesId}");
        });
    }

    public string? ErrorOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await versions.InfoAsync(id, ct) is not { } info || await versions.PlanAsync(id, ct) is not { } plan) return false;
        Version = info;
        var planned = PlanVersions.PlannedFunctionalities(plan);
        var catalogue = await db.Functionalities.AsNoTracking().Select(f => new { f.Key, f.Name }).ToListAsync(ct);
        Copied = planned.Select(k => catalogue.FirstOrDefault(f => f.Key == k)?.Name).OfType<string>().ToList();
        Skipped = planned.Where(k => catalogue.All(f => f.Key != k))
            .Select(k => plan.Functionalities.FirstOrDefault(f => f.Key == k)?.Name ?? k).ToList();
        ServiceNames = plan.Roadmap.Where(s => s.Name.Trim().Length > 0).Select(s => s.Name.Trim())
            .Distinct(StringComparer.CurrentCultureIgnoreCase).ToList();
        Areas = await db.ServiceAreas.Include(a => a.ServiceLines).OrderBy(a => a.SortOrder).ThenBy(a => a.Name).AsNoTracking().ToListAsync(ct);
        return true;
    }
}
