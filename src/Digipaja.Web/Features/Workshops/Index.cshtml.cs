using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Workshops;

/// <summary>The workshop series the caller can see: all of the county's for facilitators, their own for participants.</summary>
public sealed class IndexModel(DigipajaDb db, Access access, TimeProvider clock, Texts texts) : WorkshopsPage(texts)
{
    public sealed record Row(Guid Id, string Name, List<string> LineCodes, Workshop? Next);

    public List<Row> Rows { get; private set; } = [];
    public bool CanCreate => access.CanCreateSeries;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Viewers read published plans, not workshop series.
        if (access.CountyRole is Role.Viewer) return Forbid();
        var series = await access.VisibleSeries().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var ids = series.Select(s => s.Id).ToList();
        var lines = await db.SeriesServiceLines.Where(l => ids.Contains(l.SeriesId))
            .Join(db.ServiceLines, sl => sl.ServiceLineId, l => l.Id, (sl, l) => new { sl.SeriesId, l.Code })
            .ToListAsync(ct);
        var booked = await db.Workshops.Where(w => ids.Contains(w.SeriesId) && w.StartsAt != null).AsNoTracking().ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Rows = series.Select(s => new Row(s.Id, s.Name,
            lines.Where(l => l.SeriesId == s.Id).Select(l => l.Code).Order(StringComparer.Ordinal).ToList(),
            booked.Where(w => w.SeriesId == s.Id && AsUtc(w.StartsAt!.Value).AddMinutes(w.DurationMinutes) > now)
                .OrderBy(w => AsUtc(w.StartsAt!.Value)).FirstOrDefault())).ToList();
        return Page();
    }
}
