using System.Globalization;
using Digipaja.Core.Plans;
using Digipaja.Core.Worksheets;
using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Digipaja.Web.Features.Workshops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Data;

/// <summary>
/// Workshop series of three demo service lines whose worksheets are already filled in, so that a new user of the
/// demo finds line, area and county plans that assembled themselves: Avovastaanotto and Suun terveydenhuolto of
/// the shared social and health services, and Kotona asumisen tuki of the services for older people.
/// </summary>
/// <remarks>
/// The content (<see cref="DemoContent.Plans"/>, a data file beside the built-in templates) is written as the demo
/// facilitator would write it in the workshops: the series is made by the same
/// <see cref="SeriesCreator"/> the pages use, signed in as the facilitator, so county, author and history are those
/// of a real series. A line gets its demo series only while no workshop series uses it, so a second start adds
/// nothing and a line someone has already planned is never touched. Three gaps are left on purpose (a task without an
/// owner, a task without a date, a metric without baseline data), so the plan shows what its gaps look like.
/// </remarks>
public sealed class DemoPlans(IServiceScopeFactory scopes, ILogger<DemoPlans> log)
{
    public const string County = "lansi-uusimaa";
    public const string Author = "facilitator@lansi-uusimaa.demo";
    public const string Participant = "participant@lansi-uusimaa.demo";

    /// <summary>The functionality template's cell that holds a service row's development path.</summary>
    public const string PathCell = "development-path";

    /// <summary>The functionality template's cells a demo service row's name, description and process are written into.</summary>
    public static readonly string[] ServiceCells =
        [PlanAssembler.Cells.ServiceName, PlanAssembler.Cells.ServiceDescription, PlanAssembler.Cells.ServiceProcess];

    /// <summary>The names of the demo series, one for each demo line.</summary>
    public static IEnumerable<string> SeriesNames => DemoContent.Plans.Lines.Select(l => l.Series);

    /// <summary>Adds the demo series of every demo line that has no workshop series yet; returns how many it added.</summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DigipajaDb>();
        var author = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == Author.ToUpperInvariant(), ct);
        if (author is null) return 0;

        // Act as the facilitator: the county filter, the series' creator and the history all come from the caller.
        var accessor = services.GetRequiredService<IHttpContextAccessor>();
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(author);
        var culture = CultureInfo.CurrentUICulture;
        accessor.HttpContext = new DefaultHttpContext { User = principal, RequestServices = services };
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fi-FI");
        try
        {
            var participant = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == Participant.ToUpperInvariant(), ct);
            var metrics = await db.Metrics.ToDictionaryAsync(m => m.Name, m => m.Id, ct);
            var added = 0;
            foreach (var line in DemoContent.Plans.Lines)
            {
                var lineId = await db.ServiceLines.Where(l => l.Code == line.Code).Select(l => (Guid?)l.Id).SingleOrDefaultAsync(ct);
                if (lineId is null || await db.SeriesServiceLines.AnyAsync(s => s.ServiceLineId == lineId, ct)) continue;
                var (series, errors) = await services.GetRequiredService<SeriesCreator>().CreateAsync(
                    new SeriesCreator.Request([lineId.Value], [.. line.Worksheets.Select(s => s.Functionality!)], line.Series), ct);
                if (series is null)
                    throw new InvalidOperationException($"Demo series of {line.Code} could not be made: {string.Join(", ", errors.Select(e => e.MessageKey))}");
                await FillAsync(db, series.Id, line, author, participant, metrics, ct);
                added++;
            }
            if (added > 0) log.LogInformation("Seeded {Count} demo workshop series with filled worksheets", added);
            return added;
        }
        finally
        {
            accessor.HttpContext = null;
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private static async Task FillAsync(DigipajaDb db, Guid seriesId, DemoLine line, AppUser author, AppUser? participant,
        Dictionary<string, Guid> metrics, CancellationToken ct)
    {
        var workshops = await db.Workshops.Where(w => w.SeriesId == seriesId).OrderBy(w => w.Number).ToListAsync(ct);
        foreach (var (workshop, i) in workshops.Select((w, i) => (w, i)))
            workshop.StartsAt = line.FirstWorkshop.AddDays(14 * i);
        if (participant is not null)
            db.SeriesMembers.Add(new SeriesMember { SeriesId = seriesId, UserId = participant.Id, Role = SeriesRole.Participant });

        var sheets = await db.Worksheets.Include(w => w.Rows).Where(w => w.SeriesId == seriesId).ToListAsync(ct);
        var keys = await db.Functionalities.ToDictionaryAsync(f => f.Id, f => f.Key, ct);
        foreach (var sheet in sheets)
        {
            var writer = new NoteWriter(db, sheet, author);
            if (sheet.FunctionalityId is { } f && line.Worksheets.FirstOrDefault(s => s.Functionality == keys[f]) is { } content)
                writer.Write(content, metrics);
            else if (sheet.FunctionalityId is null)
                writer.Write(line.Change, metrics);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Writes notes into one worksheet, numbering them per cell in the order they are given.</summary>
    private sealed class NoteWriter(DigipajaDb db, Worksheet sheet, AppUser author)
    {
        private readonly Dictionary<string, int> positions = [];
        private readonly List<WorksheetRow> rows = [.. sheet.Rows.OrderBy(r => r.Position)];

        public void Write(DemoWorksheet content, Dictionary<string, Guid> metrics)
        {
            var services = content.Services ?? [];
            for (var i = 0; i < services.Length; i++)
            {
                var service = services[i];
                var row = Row(i);
                foreach (var (cell, text) in ServiceCells.Zip(new[] { service.Name, service.Description, service.Process }))
                    Add(cell, text, row: row);
                foreach (var step in service.Path)
                    Add(PathCell, step.Text, row: row, kind: step.Kind == DemoStepKind.Phase ? ItemKind.Phase : ItemKind.Milestone,
                        start: step.Start, end: step.End, goLive: step.Kind == DemoStepKind.GoLive);
            }
            foreach (var cell in content.Cells)
            {
                foreach (var text in cell.Notes ?? []) Add(cell.Cell, text);
                foreach (var m in cell.Metrics ?? [])
                {
                    Add(cell.Cell, m.Metric, kind: ItemKind.Metric, metric: metrics.TryGetValue(m.Metric, out var id) ? id : null);
                    // Data notes are grouped under the metric's name: that is how the plan knows which metric they serve.
                    foreach (var text in m.Baseline) Add(PlanAssembler.Cells.DataBaseline, text, group: m.Metric);
                    foreach (var text in m.Target) Add(PlanAssembler.Cells.DataTarget, text, group: m.Metric);
                }
                foreach (var w in cell.Tasks ?? [])
                    Add(cell.Cell, w.Text, kind: ItemKind.Task, owner: w.Owner, due: w.Due, row: w.Service is { } index ? Row(index) : null);
            }
        }

        private Guid Row(int index)
        {
            while (rows.Count <= index)
            {
                var row = new WorksheetRow { WorksheetId = sheet.Id, Position = rows.Count };
                db.WorksheetRows.Add(row);
                rows.Add(row);
            }
            return rows[index].Id;
        }

        private void Add(string cell, string text, Guid? row = null, ItemKind kind = ItemKind.Note, string group = "",
            string owner = "", DateOnly? due = null, DateOnly? start = null, DateOnly? end = null, Guid? metric = null, bool goLive = false)
        {
            var position = positions.GetValueOrDefault(cell);
            positions[cell] = position + 1;
            db.WorksheetItems.Add(new WorksheetItem
            {
                WorksheetId = sheet.Id, CellKey = cell, RowId = row, Kind = kind, Text = text, Group = group, Owner = owner,
                DueDate = due, StartDate = start, EndDate = end, MetricId = metric, IsGoLive = goLive, Position = position,
                AuthorId = author.Id, AuthorName = author.DisplayName,
            });
        }
    }
}
