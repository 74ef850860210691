using Digipaja.Core.Catalogue;
using Digipaja.Core.Common;
using Digipaja.Core.Plans;
using Digipaja.Core.Worksheets;

namespace Digipaja.Core.Tests.Plans;

public sealed class PlanAssemblerTests
{
    private static readonly LineRef Nao = new(Guid.NewGuid(), "NAO", "Neuvonta", Guid.NewGuid(), "IKÄ", "Ikääntyneet");
    private static readonly LineRef Kat = new(Guid.NewGuid(), "KAT", "Kotihoito", Nao.AreaId, "IKÄ", "Ikääntyneet");
    private static readonly FunctionalityRef Chat = new("chat", "Chat", 1);
    private static readonly FunctionalityRef Video = new("video", "Videovastaanotto", 2);

    private static TemplateDefinition Template() => new()
    {
        Key = "functionality",
        Name = new LocalizedText { ["fi"] = "Toiminnallisuus" },
        Sections =
        [
            new() { Key = "basics", Title = T("Perustiedot"), Cells = [new() { Key = "service-name", Kind = CellKind.RowNotes, Title = T("Nimi") }, new() { Key = "use-cases-before", Title = T("Ennen") }] },
            new() { Key = "goals", Title = T("Tavoitteet"), Cells = [new() { Key = "goals", Title = T("Tavoitteet") }, new() { Key = "metrics", Kind = CellKind.Metrics, Title = T("Mittarit") }, new() { Key = "data-baseline", Title = T("Lähtötaso") }] },
            new() { Key = "operations", Title = T("Toiminta"), Cells = [new() { Key = "tasks", Kind = CellKind.Tasks, Title = T("Tehtävät") }, new() { Key = "given-up", Kind = CellKind.Tasks, Title = T("Luovuttavat") }] },
            new() { Key = "extra", Title = T("Valinnainen"), Optional = true, Cells = [new() { Key = "tools", Title = T("Välineet") }] },
            new() { Key = "path", Title = T("Polku"), Cells = [new() { Key = "development-path", Kind = CellKind.Path, Title = T("Polku") }] },
        ],
    };

    private static LocalizedText T(string fi) => new() { ["fi"] = fi };

    private sealed class Sheet(FunctionalityRef functionality, params LineRef[] lines)
    {
        public Guid Id { get; } = Guid.NewGuid();
        public List<WorksheetRow> Rows { get; } = [new() { Position = 1 }, new() { Position = 2 }];
        public List<WorksheetItem> Items { get; } = [];

        public WorksheetItem Add(string cell, string text, Guid? row = null, ItemKind kind = ItemKind.Note)
        {
            var item = new WorksheetItem { WorksheetId = Id, CellKey = cell, Text = text, RowId = row, Kind = kind, Position = Items.Count };
            Items.Add(item);
            return item;
        }

        public SourceWorksheet Source() =>
            new(Id, $"{functionality.Name} {string.Join(",", lines.Select(l => l.Code))}", Guid.NewGuid(), TemplateDefinition.Functionality,
                Template(), functionality, lines, Rows, Items);
    }

    private static Plan Assemble(IReadOnlyList<LineRef> lines, params Sheet[] sheets) =>
        PlanAssembler.Assemble(new PlanSource(new PlanScope(PlanLevel.County, Guid.NewGuid(), "x", "X"), DateTime.UtcNow, lines,
            [Chat, Video], sheets.Select(s => s.Source()).ToList(), new Dictionary<Guid, Metric>()));

    [Fact]
    public void A_service_goes_live_on_its_go_live_milestone_even_when_a_later_milestone_follows()
    {
        var sheet = new Sheet(Chat, Nao);
        var row = sheet.Rows[0].Id;
        sheet.Add("service-name", "Chat-neuvonta", row);
        sheet.Add("development-path", "Pilotti", row, ItemKind.Phase).StartDate = new DateOnly(2027, 1, 1);
        var goLive = sheet.Add("development-path", "Tuotantoon", row, ItemKind.Milestone);
        (goLive.StartDate, goLive.IsGoLive) = (new DateOnly(2027, 4, 15), true);
        sheet.Add("development-path", "Laajennus iltoihin", row, ItemKind.Milestone).StartDate = new DateOnly(2027, 9, 1);

        var service = Assemble([Nao], sheet).Roadmap.Single();

        Assert.Equal(new DateOnly(2027, 4, 15), service.GoesLive);
        Assert.Equal([("phase", "Pilotti"), ("go-live", "Tuotantoon"), ("milestone", "Laajennus iltoihin")], service.Steps.Select(s => (s.Kind, s.Text)));
    }

    [Fact]
    public void A_service_without_a_go_live_milestone_has_no_go_live_date_and_is_a_gap_however_full_its_path()
    {
        var sheet = new Sheet(Chat, Nao);
        var (first, second) = (sheet.Rows[0].Id, sheet.Rows[1].Id);
        sheet.Add("service-name", "Chat-neuvonta", first);
        sheet.Add("development-path", "Tuotantoon", first, ItemKind.Milestone).StartDate = new DateOnly(2027, 4, 15);
        var phase = sheet.Add("development-path", "Käyttöönotto", first, ItemKind.Phase);
        (phase.StartDate, phase.EndDate) = (new DateOnly(2027, 2, 1), new DateOnly(2027, 6, 30));
        sheet.Add("service-name", "Chat-ajanvaraus", second);
        var undated = sheet.Add("development-path", "Tuotantoon joskus", second, ItemKind.Milestone);
        undated.IsGoLive = true;

        var plan = Assemble([Nao], sheet);

        Assert.All(plan.Roadmap, r => Assert.Null(r.GoesLive));
        Assert.Equal(["Chat-neuvonta", "Chat-ajanvaraus"],
            plan.Gaps.Where(g => g.Kind == "service-without-go-live").Select(g => g.Subject));
    }

    [Fact]
    public void Services_are_ordered_by_their_go_live_dates_and_those_without_one_come_last()
    {
        var sheet = new Sheet(Chat, Nao);
        sheet.Rows.Add(new WorksheetRow { Position = 3 });
        var (late, none, early) = (sheet.Rows[0].Id, sheet.Rows[1].Id, sheet.Rows[2].Id);
        foreach (var (row, name) in new[] { (late, "Myöhäinen"), (none, "Avoin"), (early, "Aikainen") }) sheet.Add("service-name", name, row);
        var a = sheet.Add("development-path", "Tuotantoon", late, ItemKind.Milestone);
        (a.StartDate, a.IsGoLive) = (new DateOnly(2027, 10, 1), true);
        var b = sheet.Add("development-path", "Tuotantoon", early, ItemKind.Milestone);
        (b.StartDate, b.IsGoLive) = (new DateOnly(2027, 3, 1), true);

        Assert.Equal(["Aikainen", "Myöhäinen", "Avoin"], Assemble([Nao], sheet).Roadmap.Select(r => r.Name));
    }

    [Fact]
    public void Tasks_and_things_given_up_tied_to_a_service_are_on_its_roadmap_row_dated_or_not_and_name_it_as_work()
    {
        var sheet = new Sheet(Chat, Nao);
        var (row, removed) = (sheet.Rows[0].Id, sheet.Rows[1].Id);
        sheet.Rows[1].IsDeleted = true;
        sheet.Add("service-name", "Chat-neuvonta", row);
        sheet.Add("tasks", "Koulutetaan hoitajat", row, ItemKind.Task).DueDate = new DateOnly(2027, 2, 1);
        sheet.Add("tasks", "Sovitaan päivystysvuorot", row, ItemKind.Task);
        sheet.Add("given-up", "Takaisinsoittopyynnöt", row, ItemKind.Task).DueDate = new DateOnly(2027, 6, 1);
        sheet.Add("tasks", "Yleinen tiedote", kind: ItemKind.Task);
        sheet.Add("tasks", "Poistetun rivin tehtävä", removed, ItemKind.Task);

        var plan = Assemble([Nao], sheet);

        var service = plan.Roadmap.Single();
        Assert.Equal(row, service.Id);
        Assert.Equal([("task", "Koulutetaan hoitajat"), ("given-up", "Takaisinsoittopyynnöt"), ("task", "Sovitaan päivystysvuorot")],
            service.Steps.Select(s => (s.Kind, s.Text)));
        var work = plan.DevelopmentWork.ToDictionary(w => w.Text);
        Assert.Equal((row, "Chat-neuvonta"), (work["Sovitaan päivystysvuorot"].ServiceId, work["Sovitaan päivystysvuorot"].Service));
        Assert.Equal((row, "given-up"), (work["Takaisinsoittopyynnöt"].ServiceId, work["Takaisinsoittopyynnöt"].Kind));
        Assert.Null(work["Yleinen tiedote"].ServiceId);
        Assert.Null(work["Poistetun rivin tehtävä"].ServiceId);
    }

    [Fact]
    public void Baseline_data_belongs_to_the_metric_it_is_grouped_with()
    {
        var sheet = new Sheet(Chat, Nao);
        sheet.Add("goals", "Puolet yhteydenotoista chattiin");
        sheet.Add("metrics", "Etäasiointien määrä", kind: ItemKind.Metric);
        sheet.Add("metrics", "Asiakaspalaute", kind: ItemKind.Metric);
        sheet.Add("data-baseline", "300 chattia kuussa").Group = "Etäasiointien määrä";
        sheet.Add("data-baseline", "Yleinen kysely vuodelta 2025");

        var goals = Assert.Single(Assemble([Nao], sheet).Goals);

        Assert.Equal(["300 chattia kuussa"], goals.Metrics.Single(m => m.Name == "Etäasiointien määrä").Baseline.Select(n => n.Text));
        Assert.Empty(goals.Metrics.Single(m => m.Name == "Asiakaspalaute").Baseline);
        Assert.Equal(["Yleinen kysely vuodelta 2025"], goals.Baseline.Select(n => n.Text));
    }

    [Fact]
    public void A_metric_without_any_baseline_and_a_named_service_without_goals_are_gaps()
    {
        var sheet = new Sheet(Chat, Nao);
        sheet.Add("service-name", "Chat-neuvonta", sheet.Rows[0].Id);
        sheet.Add("metrics", "Asiakaspalaute", kind: ItemKind.Metric);

        var gaps = Assemble([Nao], sheet).Gaps.Select(g => (g.Kind, g.Subject)).ToList();

        Assert.Contains(("metric-without-baseline", "Asiakaspalaute"), gaps);
        Assert.Contains(("service-without-goal", "Chat-neuvonta"), gaps);
        Assert.Contains(("empty-section", "operations"), gaps);
        Assert.DoesNotContain(("empty-section", "extra"), gaps);
    }

    [Fact]
    public void Private_and_deleted_items_never_reach_the_plan()
    {
        var sheet = new Sheet(Chat, Nao);
        sheet.Add("use-cases-before", "Näkyvä");
        sheet.Add("use-cases-before", "Yksityinen").IsPrivate = true;
        sheet.Add("use-cases-before", "Poistettu").IsDeleted = true;

        Assert.Equal(["Näkyvä"], Assemble([Nao], sheet).UseCases.Select(u => u.Text));
    }

    [Fact]
    public void A_series_of_two_lines_counts_in_both_lines_and_a_line_without_content_is_a_gap()
    {
        var shared = new Sheet(Chat, Nao, Kat);
        shared.Add("use-cases-before", "Yhteinen käyttötapaus");
        var empty = new LineRef(Guid.NewGuid(), "SP", "Sosiaalipalvelut", Guid.NewGuid(), "AIK", "Aikuiset");

        var plan = Assemble([Nao, Kat, empty], shared);

        Assert.Equal(["NAO", "KAT"], plan.UseCases.Select(u => u.ServiceLine.Code));
        Assert.Equal(["SP"], plan.Gaps.Where(g => g.Kind == "line-without-plan").Select(g => g.ServiceLine.Code));
    }

    [Fact]
    public void The_filter_keeps_one_functionality_and_only_steps_that_meet_the_date_range()
    {
        var chat = new Sheet(Chat, Nao);
        var video = new Sheet(Video, Nao);
        chat.Add("service-name", "Chat", chat.Rows[0].Id);
        var early = chat.Add("development-path", "Alku", chat.Rows[0].Id, ItemKind.Phase);
        (early.StartDate, early.EndDate) = (new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31));
        chat.Add("development-path", "Myöhemmin", chat.Rows[0].Id, ItemKind.Milestone).StartDate = new DateOnly(2027, 9, 1);
        video.Add("use-cases-before", "Videolla");
        var plan = Assemble([Nao], chat, video);

        var onlyChat = new PlanFilter(FunctionalityKey: "chat").Apply(plan);
        var autumn = new PlanFilter(From: new DateOnly(2027, 8, 1), To: new DateOnly(2027, 12, 31)).Apply(plan);

        Assert.Empty(onlyChat.UseCases);
        Assert.Equal(["Myöhemmin"], autumn.Roadmap.Single().Steps.Select(s => s.Text));
        Assert.Equal(["Videolla"], autumn.UseCases.Select(u => u.Text));
    }

    [Fact]
    public void A_plan_survives_its_json_form_unchanged()
    {
        var sheet = new Sheet(Chat, Nao);
        sheet.Add("service-name", "Chat", sheet.Rows[0].Id);
        sheet.Add("tasks", "Koulutus").DueDate = new DateOnly(2027, 3, 1);
        var plan = Assemble([Nao], sheet);

        var copy = PlanJson.Deserialize(PlanJson.Serialize(plan));

        Assert.Equal(PlanJson.Serialize(plan), PlanJson.Serialize(copy));
        Assert.Equal(new DateOnly(2027, 3, 1), copy.DevelopmentWork.Single().Due);
    }
}
