using Digipaja.Core.Catalogue;
using Digipaja.Core.Organisation;
using Digipaja.Core.Worksheets;
using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Bench.Plans;

/// <summary>
/// Creates the county of issue 5's scale requirement in an empty database: service lines × six functionalities ×
/// five services, every worksheet filled the way a finished workshop series leaves it (about 800 notes a line, so
/// 25 lines make about 20,000 notes), one facilitator to read its plan and one participant.
/// </summary>
public sealed class CountyGenerator(DigipajaDb db, int lines, int seed = 2026)
{
    public const string Slug = "bench", Email = "facilitator@bench.test", Password = "Bench-plans-2026";

    /// <summary>A second person of the county, a participant who reads the plans while the facilitator exports them.</summary>
    public const string ReaderEmail = "reader@bench.test";

    private static readonly (string Key, string Name, int Wave)[] FunctionalityCatalogue =
    [
        ("chat", "Chat", 1), ("messages", "Kiireettömät viestit", 1), ("forms", "Lomakkeet", 1),
        ("video", "Videotapaamiset", 2), ("consultations", "Konsultaatiot", 2), ("health-data", "Terveys- ja hyvinvointitiedot", 2),
    ];

    private static readonly string[] MetricNames =
    [
        "Sovelluslataukset", "Etäkontaktien määrä", "Asiakaspalaute", "Ammattilaisen hoitamat kontaktit päivässä", "Häiriökysynnän osuus",
        "Chatin vastausaika", "Kiireettömän viestin vastausaika", "Digitaalisen asioinnin osuus", "Sähköisesti lähetetyt lomakkeet",
        "Henkilöstön kokemus työn sujuvuudesta",
    ];

    private static readonly string[] NoteCells =
    [
        "use-cases-before", "use-cases-during", "use-cases-between", "customer-groups", "customer-value", "customer-changes",
        "customer-stays", "current-tools", "goals", "professional-matters", "professional-changes", "professional-stays", "open-questions",
    ];

    private static readonly string[] ChangeCells =
    [
        "story-before", "story-changes", "story-drivers", "support", "opportunities", "needs", "concerns", "talking-about-services",
        "words", "roles", "skills", "people", "new-needs",
    ];

    public sealed record Result(Guid CountyId, int Lines, int Worksheets, int Rows, int Items);

    public async Task<Result> GenerateAsync(CancellationToken ct = default)
    {
        var text = new NoteTexts(seed);
        var county = new County { Slug = Slug, Name = "Vertailun hyvinvointialue" };
        db.Counties.Add(county);
        var areas = new[] { "Ikääntyneiden palvelut", "Lasten, nuorten ja perheiden palvelut", "Yhteiset sosiaali- ja terveyspalvelut", "Vammaispalvelut", "Asiointipalvelut" }
            .Select((name, i) => new ServiceArea { CountyId = county.Id, Code = $"A{i + 1}", Name = name, SortOrder = i }).ToList();
        db.ServiceAreas.AddRange(areas);
        var serviceLines = Enumerable.Range(1, lines).Select(i => new ServiceLine
        {
            CountyId = county.Id, ServiceAreaId = areas[(i - 1) % areas.Count].Id, Code = $"L{i:000}", Name = $"Palvelulinja {i}",
        }).ToList();
        db.ServiceLines.AddRange(serviceLines);
        var functionalities = FunctionalityCatalogue
            .Select(f => new Functionality { CountyId = county.Id, Key = f.Key, Name = f.Name, Wave = f.Wave }).ToList();
        db.Functionalities.AddRange(functionalities);
        var metrics = MetricNames.Select(n => new Metric
        {
            CountyId = county.Id, Name = n, Definition = $"{n} seurantajaksolla.", Unit = "kpl", Direction = MetricDirection.HigherIsBetter,
            DataSource = "Asiointialustan raportointi",
        }).ToList();
        db.Metrics.AddRange(metrics);
        AppUser NewUser(string email, string name, Role role)
        {
            var account = new AppUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = name, Role = role, CountyId = county.Id, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            account.PasswordHash = new PasswordHasher<AppUser>().HashPassword(account, Password);
            db.Users.Add(account);
            return account;
        }
        var user = NewUser(Email, "Vertailun fasilitaattori", Role.Facilitator);
        NewUser(ReaderEmail, "Vertailun osallistuja", Role.Participant);
        await db.SaveChangesAsync(ct);

        await new TemplateLibrary(db, new BuiltInContent()).EnsureBuiltInTemplatesAsync(ct);
        var templates = await db.WorksheetTemplates.IgnoreQueryFilters().Where(t => t.CountyId == county.Id).ToDictionaryAsync(t => t.Kind, ct);

        var series = new List<WorkshopSeries>();
        var sheets = new List<Worksheet>();
        var rows = new List<WorksheetRow>();
        var items = new List<WorksheetItem>();
        foreach (var line in serviceLines)
        {
            var s = new WorkshopSeries
            {
                CountyId = county.Id, Name = $"Työpajasarja {line.Code}", InvitationSubject = "Kutsu", InvitationTemplate = "Tervetuloa", CreatedById = user.Id,
            };
            s.ServiceLines.Add(new SeriesServiceLine { SeriesId = s.Id, ServiceLineId = line.Id, CountyId = county.Id });
            s.Members.Add(new SeriesMember { SeriesId = s.Id, UserId = user.Id, Role = SeriesRole.Facilitator, CountyId = county.Id });
            series.Add(s);
            foreach (var f in functionalities)
            {
                var sheet = new Worksheet { CountyId = county.Id, SeriesId = s.Id, TemplateId = templates[TemplateDefinition.Functionality].Id, Title = f.Name, FunctionalityId = f.Id };
                sheets.Add(sheet);
                FillFunctionality(sheet, text, metrics, rows, items);
            }
            var change = new Worksheet { CountyId = county.Id, SeriesId = s.Id, TemplateId = templates[TemplateDefinition.Change].Id, Title = "Muutos ja resursointi" };
            sheets.Add(change);
            var position = 0;
            foreach (var cell in ChangeCells)
                for (var i = 0; i < 3; i++)
                    items.Add(Item(change, cell, text.Note(), position++));
        }
        db.WorkshopSeries.AddRange(series);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        await BulkInsert.InsertAsync(db, sheets, ct);
        await BulkInsert.InsertAsync(db, rows, ct);
        await BulkInsert.InsertAsync(db, items, ct);
        return new Result(county.Id, lines, sheets.Count, rows.Count, items.Count);
    }

    /// <summary>About 127 items: five named services with paths, every note cell, three metrics with their data, tasks.</summary>
    private static void FillFunctionality(Worksheet sheet, NoteTexts text, List<Metric> metrics, List<WorksheetRow> rows, List<WorksheetItem> items)
    {
        var position = 0;
        var sheetRows = Enumerable.Range(0, Worksheet.DefaultRows)
            .Select(i => new WorksheetRow { CountyId = sheet.CountyId, WorksheetId = sheet.Id, Position = i }).ToList();
        rows.AddRange(sheetRows);
        foreach (var row in sheetRows)
        {
            items.Add(Item(sheet, "service-name", text.ServiceName(), position++, row.Id));
            items.Add(Item(sheet, "service-description", text.Description(), position++, row.Id));
            items.Add(Item(sheet, "service-process", text.Process(), position++, row.Id));
            var start = text.Date();
            var pilot = Item(sheet, "development-path", "Pilotti: " + text.Sentence(), position++, row.Id, ItemKind.Phase);
            pilot.StartDate = start;
            pilot.EndDate = start.AddDays(60);
            var rollout = Item(sheet, "development-path", "Laajennus koko palvelulinjalle", position++, row.Id, ItemKind.Phase);
            rollout.StartDate = start.AddDays(61);
            rollout.EndDate = start.AddDays(150);
            var live = Item(sheet, "development-path", "Palvelu käytössä kaikille asiakkaille", position++, row.Id, ItemKind.Milestone);
            live.StartDate = start.AddDays(151);
            items.AddRange([pilot, rollout, live]);
        }
        foreach (var cell in NoteCells)
        {
            var count = cell == "current-tools" ? 4 : cell.StartsWith("use-cases", StringComparison.Ordinal) ? 6 : 5;
            for (var i = 0; i < count; i++)
                items.Add(Item(sheet, cell, text.Note(), position++, i == 0 ? sheetRows[text.Next(sheetRows.Count)].Id : null));
        }
        for (var i = 0; i < 5; i++) items.Add(Item(sheet, "professionals", text.Professional(), position++));
        for (var m = 0; m < 3; m++)
        {
            var metric = metrics[text.Next(metrics.Count)];
            var pick = Item(sheet, "metrics", metric.Name, position++, kind: ItemKind.Metric);
            pick.MetricId = metric.Id;
            items.Add(pick);
            for (var i = 0; i < 2; i++)
            {
                items.Add(Grouped(Item(sheet, "data-baseline", text.Note(), position++), metric.Name));
                items.Add(Grouped(Item(sheet, "data-target", text.Note(), position++), metric.Name));
            }
        }
        for (var i = 0; i < 8; i++)
        {
            var task = Item(sheet, "tasks", text.Task(), position++, i % 2 == 0 ? sheetRows[text.Next(sheetRows.Count)].Id : null, ItemKind.Task);
            // Roughly one task in ten lacks an owner or a date, as real plans do.
            task.Owner = text.Next(10) == 0 ? "" : text.Owner();
            task.DueDate = text.Next(10) == 0 ? null : text.Date();
            items.Add(task);
        }
        for (var i = 0; i < 3; i++)
        {
            var given = Item(sheet, "given-up", text.ThingGivenUp(), position++, sheetRows[text.Next(sheetRows.Count)].Id, ItemKind.Task);
            given.Owner = text.Owner();
            given.DueDate = text.Date();
            items.Add(given);
        }
    }

    private static WorksheetItem Grouped(WorksheetItem item, string group)
    {
        item.Group = group;
        return item;
    }

    private static WorksheetItem Item(Worksheet sheet, string cell, string text, int position, Guid? row = null, ItemKind kind = ItemKind.Note) => new()
    {
        CountyId = sheet.CountyId, WorksheetId = sheet.Id, CellKey = cell, Text = text, Position = position, RowId = row, Kind = kind,
        AuthorName = "Vertailun fasilitaattori",
    };
}
