using Digipaja.Core.Common;
using Digipaja.Core.Plans;

namespace Digipaja.Core.Tests.Plans;

public sealed class PlanComparisonTests
{
    private static readonly LineRef Nao = new(Guid.Parse("0190f1c2-0000-7000-8000-00000000000a"), "NAO", "Neuvonta ja asiakasohjaus",
        Guid.Parse("0190f1c2-0000-7000-8000-0000000000a0"), "IKÄ", "Ikääntyneiden palvelut");
    private static readonly LineRef Kat = Nao with { Id = Guid.Parse("0190f1c2-0000-7000-8000-00000000000b"), Code = "KAT", Name = "Kotihoito" };
    private static readonly FunctionalityRef Chat = new("chat", "Chat", 1);
    private static readonly SourceRef Source = new(Guid.Parse("0190f1c2-0000-7000-8000-000000000100"), "Chat", Guid.Empty, "basics", "use-cases-before", null);

    private static readonly Guid ServiceId = Id(1), MilestoneId = Id(2), UseCaseId = Id(3), TaskId = Id(4), GoalId = Id(5),
        MetricId = Id(6), BaselineId = Id(7), StoryId = Id(8);

    private static Guid Id(int n) => Guid.Parse($"0190f1c2-0000-7000-8000-{n:D12}");

    /// <summary>A small line plan: a chat service going live with a milestone, a use case, a task, a goal with a metric and a change story.</summary>
    private static Plan Plan(
        string useCase = "Ajanvarauksen neuvonta", string owner = "Tiimivastaava", DateOnly? due = null, DateOnly? live = null,
        string baseline = "400 puhelua viikossa", string story = "Ennen palvelimme puhelimessa", IReadOnlyList<LineRef>? useCaseLines = null,
        IReadOnlyList<UseCase>? extraUseCases = null)
    {
        var goLive = live ?? new DateOnly(2027, 4, 15);
        var milestone = new RoadmapStep(MilestoneId, "milestone", "Tuotantoon", goLive, goLive, Source);
        var service = new RoadmapService(ServiceId, Nao, Chat, 1, "Chat-neuvonta", "", "", goLive, goLive, [milestone], Source);
        var useCases = (useCaseLines ?? [Nao]).Select(l => new UseCase(UseCaseId, l, Chat, "before", useCase, "", Source))
            .Concat(extraUseCases ?? []).ToList();
        var task = new WorkItem(TaskId, Nao, Chat, "task", "Chat-vuorojen suunnittelu", owner, due ?? new DateOnly(2027, 2, 15), null, null, Source);
        var baselineNote = new PlanNote(BaselineId, baseline, "", "", "", Source);
        var metric = new PlanMetric(MetricId, "Etäyhteydet", "kpl", "higher-is-better", "", "", [baselineNote], [], Source);
        var goals = new GoalSet(Source.WorksheetId, Nao, Chat, [new PlanNote(GoalId, "Puolet yhteyksistä chatissa", "", "", "", Source)],
            [metric], [], [], Source);
        var change = new PlanEntry(Nao, null, "story", "story-before", new PlanNote(StoryId, story, "", "", "", Source));
        return new Plan(new PlanScope(PlanLevel.ServiceArea, Nao.AreaId, Nao.AreaCode, Nao.AreaName), new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc),
            [Nao, Kat], [Chat], [service], useCases, [task], [goals], [], [], [change], [], [], new Dictionary<string, LocalizedText>());
    }

    [Fact]
    public void The_same_plan_has_no_differences() =>
        Assert.True(PlanComparison.Compare(Plan(), Plan()).IsEmpty);

    [Fact]
    public void A_plan_read_back_from_its_snapshot_equals_the_plan_it_was_published_from()
    {
        var plan = Plan();

        var readBack = PlanJson.Deserialize(PlanJson.Serialize(plan));

        Assert.True(PlanComparison.Compare(plan, readBack).IsEmpty);
        Assert.Equal(PlanJson.Serialize(plan), PlanJson.Serialize(readBack));
    }

    [Fact]
    public void A_new_entry_is_added_and_a_missing_one_removed()
    {
        var extra = new UseCase(Id(20), Nao, Chat, "during", "Hoitajan chat kotikäynnin jälkeen", "", Source);

        var forward = PlanComparison.Compare(Plan(), Plan(extraUseCases: [extra]));
        var backward = PlanComparison.Compare(Plan(extraUseCases: [extra]), Plan());

        var added = Assert.Single(forward.Added);
        Assert.Equal(("use-case", extra.Id, "Hoitajan chat kotikäynnin jälkeen"), (added.Category, added.Id, added.Text));
        Assert.Empty(forward.Removed);
        Assert.Empty(forward.Changed);
        var removed = Assert.Single(backward.Removed);
        Assert.Equal((PlanChangeKind.Removed, extra.Id), (removed.Kind, removed.Id));
    }

    [Fact]
    public void An_entry_with_a_new_owner_and_date_is_changed_with_the_fields_that_differ()
    {
        var comparison = PlanComparison.Compare(Plan(), Plan(owner: "Palveluesihenkilö", due: new DateOnly(2027, 3, 1)));

        var change = Assert.Single(comparison.Changed);
        Assert.Equal(("work-item", TaskId), (change.Category, change.Id));
        Assert.Equal([new FieldChange("owner", "Tiimivastaava", "Palveluesihenkilö"), new FieldChange("due", "2027-02-15", "2027-03-01")], change.Fields);
        Assert.Empty(comparison.Added);
        Assert.Empty(comparison.Removed);
    }

    [Fact]
    public void A_later_go_live_changes_the_service_and_its_milestone()
    {
        var comparison = PlanComparison.Compare(Plan(), Plan(live: new DateOnly(2027, 9, 1)));

        var service = comparison.Changed.Single(c => c.Category == "roadmap-service");
        Assert.Contains(new FieldChange("goes-live", "2027-04-15", "2027-09-01"), service.Fields);
        var step = comparison.Changed.Single(c => c.Category == "roadmap-step");
        Assert.Equal(MilestoneId, step.Id);
        Assert.Contains(new FieldChange("start", "2027-04-15", "2027-09-01"), step.Fields);
    }

    [Fact]
    public void Edited_texts_of_use_cases_metric_data_and_the_change_story_are_changes()
    {
        var comparison = PlanComparison.Compare(Plan(), Plan(useCase: "Neuvonta chatissa", baseline: "350 puhelua viikossa", story: "Ennen vain puhelimessa"));

        Assert.Equal(["use-case", "metric", "change"], comparison.Changed.Select(c => c.Category));
        Assert.Equal("Neuvonta chatissa", comparison.Changed[0].Text);
        Assert.Equal([new FieldChange("baseline", "400 puhelua viikossa", "350 puhelua viikossa")], comparison.Changed[1].Fields);
        Assert.Equal("text", Assert.Single(comparison.Changed[2].Fields).Field);
    }

    [Fact]
    public void An_item_shared_by_two_lines_is_matched_per_line()
    {
        var comparison = PlanComparison.Compare(Plan(useCaseLines: [Nao, Kat]), Plan(useCaseLines: [Nao]));

        var removed = Assert.Single(comparison.Removed);
        Assert.Equal((UseCaseId, "KAT"), (removed.Id, removed.ServiceLine.Code));
        Assert.Empty(comparison.Changed);
    }
}
