using System.Text.Json.Nodes;
using Digipaja.Core.Plans;
using static Digipaja.Core.Tests.Plans.SmallPlan;

namespace Digipaja.Core.Tests.Plans;

public sealed class PlanGapsTests
{

    /// <summary>A rule set of another feature, here one that always finds the same gaps.</summary>
    private sealed class FixedGaps(params PlanGap[] gaps) : IGapSource
    {
        public Task<IReadOnlyList<PlanGap>> FindAsync(Plan plan, CancellationToken ct) => Task.FromResult<IReadOnlyList<PlanGap>>(gaps);
    }

    [Fact]
    public void A_worksheet_gap_links_to_the_section_it_is_mended_in()
    {
        var gap = WorksheetGaps.Gap(WorksheetGaps.TaskWithoutOwner, Nao, Chat, "Koulutus", Source);

        Assert.Equal((GapSeverity.Warning, "worksheets"), (gap.Severity, gap.Origin));
        Assert.Equal(new GapLink("worksheet", Source.WorksheetId, "s-operations"), gap.Link);
    }

    [Fact]
    public void An_empty_section_is_a_note_and_a_line_without_a_plan_has_nowhere_to_link()
    {
        var empty = WorksheetGaps.Gap(WorksheetGaps.EmptySection, Nao, Chat, "operations", Source);
        var noPlan = WorksheetGaps.Gap(WorksheetGaps.LineWithoutPlan, Nao, null, Nao.Name, null);

        Assert.Equal(GapSeverity.Info, empty.Severity);
        Assert.Null(noPlan.Link);
    }

    [Fact]
    public void Every_kind_of_the_worksheet_rules_has_a_severity()
    {
        string[] kinds =
        [
            WorksheetGaps.LineWithoutPlan, WorksheetGaps.TaskWithoutOwner, WorksheetGaps.TaskWithoutDate, WorksheetGaps.EmptySection,
            WorksheetGaps.MetricWithoutBaseline, WorksheetGaps.ServiceWithoutGoal, WorksheetGaps.ServiceWithoutGoLive,
        ];

        Assert.Equal(kinds.Order(), WorksheetGaps.Kinds.Keys.Order());
    }

    [Fact]
    public async Task Gaps_of_other_sources_follow_the_worksheet_gaps_in_the_order_of_the_sources()
    {
        var own = WorksheetGaps.Gap(WorksheetGaps.TaskWithoutOwner, Nao, Chat, "Koulutus", Source);
        var blocked = new PlanGap("deployment-item-blocked", Nao, Chat, "Saavutettavuusarvio", null, GapSeverity.Blocking, "deployment",
            new GapLink("deployment-item", Guid.NewGuid()));
        var unrouted = new PlanGap("routing-hour-uncovered", Nao, null, "su 3–4", null, GapSeverity.Warning, "routing");

        var plan = await PlanGaps.AddAsync(With(gaps: [own]), [new FixedGaps(blocked), new FixedGaps(), new FixedGaps(unrouted)], CancellationToken.None);

        Assert.Equal([own, blocked, unrouted], plan.Gaps);
    }

    [Fact]
    public void A_gap_is_written_with_its_severity_origin_and_link_in_json()
    {
        var gap = WorksheetGaps.Gap(WorksheetGaps.TaskWithoutDate, Nao, Chat, "Koulutus", Source);

        var json = JsonNode.Parse(PlanJson.Serialize(With(gaps: [gap])))!["gaps"]![0]!;

        Assert.Equal("task-without-date", (string?)json["kind"]);
        Assert.Equal("warning", (string?)json["severity"]);
        Assert.Equal("worksheets", (string?)json["origin"]);
        Assert.Equal("s-operations", (string?)json["link"]!["fragment"]);
        Assert.Equal(Source.WorksheetId, (Guid?)json["link"]!["id"]);
    }

    [Fact]
    public void A_version_published_before_gaps_had_a_severity_reads_them_as_worksheet_warnings()
    {
        var json = JsonNode.Parse(PlanJson.Serialize(With(gaps: [WorksheetGaps.Gap(WorksheetGaps.EmptySection, Nao, Chat, "operations", Source)])))!;
        var stored = json["gaps"]![0]!.AsObject();
        stored.Remove("severity");
        stored.Remove("origin");
        stored.Remove("link");

        var gap = Assert.Single(PlanJson.Deserialize(json.ToJsonString()).Gaps);

        Assert.Equal(("empty-section", GapSeverity.Warning, "worksheets", (GapLink?)null), (gap.Kind, gap.Severity, gap.Origin, gap.Link));
    }
}
