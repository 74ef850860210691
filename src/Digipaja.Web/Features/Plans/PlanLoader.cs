using Digipaja.Core.Plans;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Plans;

/// <summary>
/// Reads what a plan is made of from the caller's county and assembles it, with the gaps every registered
/// <see cref="IGapSource"/> finds in it; null when the scope is not found.
/// </summary>
public sealed class PlanLoader(DigipajaDb db, TimeProvider clock, IEnumerable<IGapSource> gapSources)
{
    public async Task<Plan?> LoadAsync(PlanLevel level, Guid? id, CancellationToken ct = default) =>
        await LoadSourceAsync(level, id, ct) is { } source ? await PlanGaps.AddAsync(PlanAssembler.Assemble(source), gapSources, ct) : null;

    /// <summary>What the plan is assembled from, read in a fixed number of queries whatever the county's size.</summary>
    public async Task<PlanSource?> LoadSourceAsync(PlanLevel level, Guid? id, CancellationToken ct = default)
    {
        var lineRows = await db.ServiceLines.AsNoTracking()
            .Join(db.ServiceAreas, l => l.ServiceAreaId, a => a.Id, (l, a) => new { Line = l, Area = a })
            .ToListAsync(ct);
        var all = lineRows.OrderBy(r => r.Area.SortOrder).ThenBy(r => r.Area.Name).ThenBy(r => r.Line.Code, StringComparer.Ordinal)
            .Select(r => new LineRef(r.Line.Id, r.Line.Code, r.Line.Name, r.Area.Id, r.Area.Code, r.Area.Name)).ToList();

        PlanScope scope;
        List<LineRef> lines;
        switch (level)
        {
            case PlanLevel.County:
                var county = await db.Counties.AsNoTracking().Where(c => c.Id == db.CountyId).SingleOrDefaultAsync(ct);
                if (county is null) return null;
                scope = new PlanScope(level, county.Id, county.Slug, county.Name);
                lines = all;
                break;
            case PlanLevel.ServiceArea:
                var area = await db.ServiceAreas.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
                if (area is null) return null;
                scope = new PlanScope(level, area.Id, area.Code, area.Name);
                lines = all.Where(l => l.AreaId == area.Id).ToList();
                break;
            default:
                if (all.FirstOrDefault(l => l.Id == id) is not { } line) return null;
                scope = new PlanScope(level, line.Id, line.Code, line.Name);
                lines = [line];
                break;
        }

        var lineIds = lines.Select(l => l.Id).ToHashSet();
        var seriesLines = (await db.SeriesServiceLines.AsNoTracking().ToListAsync(ct))
            .Where(sl => lineIds.Contains(sl.ServiceLineId)).ToList();
        var seriesIds = seriesLines.Select(sl => sl.SeriesId).Distinct().ToList();
        var sheets = await db.Worksheets.AsNoTracking().Where(w => seriesIds.Contains(w.SeriesId))
            .OrderBy(w => w.CreatedAt).ToListAsync(ct);
        var sheetIds = sheets.Select(s => s.Id).ToList();
        var templateIds = sheets.Select(s => s.TemplateId).Distinct().ToList();
        var templates = (await db.WorksheetTemplates.AsNoTracking().Where(t => templateIds.Contains(t.Id)).ToListAsync(ct))
            .ToDictionary(t => t.Id, t => (t.Kind, Definition: t.Parse()));
        // Deleted and still-private items never reach a plan.
        // Only the columns the assembler reads: on a county of 20,000 notes the rest (authors, colours, versions,
        // timestamps but one) is most of what SQLite would otherwise parse.
        var items = (await db.WorksheetItems
                .Where(i => sheetIds.Contains(i.WorksheetId) && !i.IsDeleted && !i.IsPrivate)
                .Select(i => new WorksheetItem
                {
                    Id = i.Id, WorksheetId = i.WorksheetId, CellKey = i.CellKey, RowId = i.RowId, Kind = i.Kind, Text = i.Text,
                    Group = i.Group, Tag = i.Tag, Position = i.Position, Owner = i.Owner, DueDate = i.DueDate,
                    StartDate = i.StartDate, EndDate = i.EndDate, MetricId = i.MetricId, IsGoLive = i.IsGoLive, CreatedAt = i.CreatedAt,
                })
                .ToListAsync(ct))
            .ToLookup(i => i.WorksheetId);
        var rows = (await db.WorksheetRows.AsNoTracking().Where(r => sheetIds.Contains(r.WorksheetId) && !r.IsDeleted).ToListAsync(ct))
            .ToLookup(r => r.WorksheetId);
        var functionalities = (await db.Functionalities.AsNoTracking().ToListAsync(ct))
            .OrderBy(f => f.Wave).ThenBy(f => f.Name, StringComparer.CurrentCulture)
            .Select(f => (f.Id, Ref: new FunctionalityRef(f.Key, f.Name, f.Wave))).ToList();
        var functionalityById = functionalities.ToDictionary(f => f.Id, f => f.Ref);
        var metrics = await db.Metrics.AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        var linesOfSeries = seriesLines.ToLookup(sl => sl.SeriesId, sl => lines.First(l => l.Id == sl.ServiceLineId));

        var source = new PlanSource(scope, clock.GetUtcNow().UtcDateTime, lines, functionalities.Select(f => f.Ref).ToList(),
            sheets.Select(s => new SourceWorksheet(s.Id, s.Title, s.SeriesId, templates[s.TemplateId].Kind, templates[s.TemplateId].Definition,
                s.FunctionalityId is { } f ? functionalityById.GetValueOrDefault(f) : null,
                linesOfSeries[s.SeriesId].ToList(), rows[s.Id].ToList(), items[s.Id].ToList())).ToList(),
            metrics);
        return source;
    }
}
