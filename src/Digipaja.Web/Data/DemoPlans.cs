using System.Globalization;
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
/// The content is written as the demo facilitator would write it in the workshops: the series is made by the same
/// <see cref="SeriesCreator"/> the pages use, signed in as the facilitator, so county, author and history are those
/// of a real series. A line gets its demo series only while no workshop series uses it, so a second start adds
/// nothing and a line someone has already planned is never touched. Two gaps are left on purpose (a task without an
/// owner, a task without a date), so the plan shows what its gaps look like.
/// </remarks>
public sealed partial class DemoPlans(IServiceScopeFactory scopes, ILogger<DemoPlans> log)
{
    public const string County = "lansi-uusimaa";
    public const string Author = "facilitator@lansi-uusimaa.demo";
    public const string Participant = "participant@lansi-uusimaa.demo";

    /// <summary>The names of the demo series, one for each demo line.</summary>
    public static IEnumerable<string> SeriesNames => Lines.Select(l => l.SeriesName);

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
            foreach (var line in Lines)
            {
                var lineId = await db.ServiceLines.Where(l => l.Code == line.Code).Select(l => (Guid?)l.Id).SingleOrDefaultAsync(ct);
                if (lineId is null || await db.SeriesServiceLines.AnyAsync(s => s.ServiceLineId == lineId, ct)) continue;
                var (series, errors) = await services.GetRequiredService<SeriesCreator>().CreateAsync(
                    new SeriesCreator.Request([lineId.Value], [.. line.Sheets.Select(s => s.Functionality)], line.SeriesName), ct);
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

    private static async Task FillAsync(DigipajaDb db, Guid seriesId, Line line, AppUser author, AppUser? participant,
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
            if (sheet.FunctionalityId is { } f && line.Sheets.FirstOrDefault(s => s.Functionality == keys[f]) is { } content)
                writer.Functionality(content, metrics);
            else if (sheet.FunctionalityId is null)
                writer.Change(line.Change);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Writes notes into one worksheet, numbering them per cell in the order they are given.</summary>
    private sealed class NoteWriter(DigipajaDb db, Worksheet sheet, AppUser author)
    {
        private readonly Dictionary<string, int> positions = [];
        private readonly List<WorksheetRow> rows = [.. sheet.Rows.OrderBy(r => r.Position)];

        public void Functionality(Sheet s, Dictionary<string, Guid> metrics)
        {
            for (var i = 0; i < s.Services.Length; i++)
            {
                var service = s.Services[i];
                var row = Row(i);
                Add("service-name", service.Name, row: row);
                Add("service-description", service.Description, row: row);
                Add("service-process", service.Process, row: row);
                foreach (var step in service.Path)
                    Add("development-path", step.Text, row: row, kind: step.Milestone ? ItemKind.Milestone : ItemKind.Phase,
                        start: Date(step.Start), end: Date(step.End), goLive: step.GoLive);
            }
            Notes("use-cases-before", s.Before);
            Notes("use-cases-during", s.During);
            Notes("use-cases-between", s.Between);
            Notes("customer-groups", s.Groups);
            Notes("customer-value", s.Value);
            Notes("customer-changes", s.Changes);
            Notes("customer-stays", s.Stays);
            Notes("current-tools", s.Tools);
            Notes("goals", s.Goals);
            foreach (var m in s.Metrics)
            {
                Add("metrics", m.Metric, kind: ItemKind.Metric, metric: metrics.TryGetValue(m.Metric, out var id) ? id : null);
                // Data notes are grouped under the metric's name: that is how the plan knows which metric they serve.
                foreach (var text in m.Baseline) Add("data-baseline", text, group: m.Metric);
                foreach (var text in m.Target) Add("data-target", text, group: m.Metric);
            }
            Notes("professionals", s.Professionals);
            Notes("professional-matters", s.Matters);
            Notes("professional-changes", s.WorkChanges);
            Notes("professional-stays", s.WorkStays);
            Notes("open-questions", s.Questions);
            foreach (var w in s.Tasks) Work("tasks", w);
            foreach (var w in s.GivenUp) Work("given-up", w);
        }

        public void Change(Change c)
        {
            Notes("story-before", c.Before);
            Notes("story-changes", c.Changes);
            Notes("story-drivers", c.Drivers);
            Notes("support", c.Support);
            Notes("opportunities", c.Opportunities);
            Notes("needs", c.Needs);
            Notes("concerns", c.Concerns);
            Notes("talking-about-services", c.Talking);
            Notes("words", c.Words);
            Notes("roles", c.Roles);
            Notes("skills", c.Skills);
            Notes("people", c.People);
            Notes("new-needs", c.NewNeeds);
        }

        private void Work(string cell, Work w) =>
            Add(cell, w.Text, kind: ItemKind.Task, owner: w.Owner, due: Date(w.Due), row: w.Service is { } i ? Row(i) : null);

        private void Notes(string cell, IEnumerable<string> texts)
        {
            foreach (var text in texts) Add(cell, text);
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

        private static DateOnly? Date(string? iso) =>
            iso is null ? null : DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private sealed record Line(string Code, string SeriesName, DateTime FirstWorkshop, Sheet[] Sheets, Change Change);

    private sealed record Sheet(
        string Functionality, Service[] Services, string[] Before, string[] During, string[] Between, string[] Groups,
        string[] Value, string[] Changes, string[] Stays, string[] Tools, string[] Goals, Measure[] Metrics,
        string[] Professionals, string[] Matters, string[] WorkChanges, string[] WorkStays, string[] Questions,
        Work[] Tasks, Work[] GivenUp);

    private sealed record Service(string Name, string Description, string Process, params Step[] Path);

    private sealed record Step(bool Milestone, string Text, string Start, string? End = null, bool GoLive = false);

    private static Step Phase(string text, string start, string end) => new(false, text, start, end);

    private static Step Milestone(string text, string date) => new(true, text, date);

    /// <summary>The milestone on which the service goes live: the plan's go-live date of the service.</summary>
    private static Step GoLive(string text, string date) => new(true, text, date, GoLive: true);

    /// <summary>A metric of the library with where its baseline and target data come from.</summary>
    private sealed record Measure(string Metric, string[] Baseline, string[] Target);

    /// <summary>A task or a thing given up; an empty owner or a missing date is a gap the plan shows.</summary>
    private sealed record Work(string Text, string Owner, string? Due, int? Service = null);

    private sealed record Change(
        string[] Before, string[] Changes, string[] Drivers, string[] Support, string[] Opportunities, string[] Needs,
        string[] Concerns, string[] Talking, string[] Words, string[] Roles, string[] Skills, string[] People, string[] NewNeeds);
}
