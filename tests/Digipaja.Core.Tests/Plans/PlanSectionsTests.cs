using Digipaja.Core.Plans;
using static Digipaja.Core.Tests.Plans.SmallPlan;

namespace Digipaja.Core.Tests.Plans;

public sealed class PlanSectionsTests
{

    [Fact]
    public void Every_section_has_a_key_and_an_anchor_of_its_own_and_a_plan_heading()
    {
        Assert.Equal(PlanSections.All.Count, PlanSections.All.Select(s => s.Key).Distinct().Count());
        Assert.All(PlanSections.All, s => Assert.Equal("plan-" + s.Key, s.Anchor));
        Assert.All(PlanSections.All, s => Assert.StartsWith("plan.", s.Heading));
    }

    [Fact]
    public void The_toolkit_outputs_come_first_numbered_one_to_four()
    {
        Assert.Equal(new int?[] { 1, 2, 3, 4 }, PlanSections.All.Take(4).Select(s => s.Output));
        Assert.All(PlanSections.All.Skip(4), s => Assert.Null(s.Output));
    }

    [Fact]
    public void Each_section_reads_its_own_part_of_the_plan()
    {
        var plan = With();

        Assert.Same(plan.Roadmap, PlanSections.Roadmap.Part(plan));
        Assert.Same(plan.DevelopmentWork, PlanSections.Work.Part(plan));
        Assert.Same(plan.KeyQuestions, PlanSections.Questions.Part(plan));
        Assert.Same(plan.Customers, PlanSections.Customers.Part(plan));
        Assert.Same(plan.Change, PlanSections.Change.Part(plan));
        Assert.Same(plan.Gaps, PlanSections.Gaps.Part(plan));
    }

    [Fact]
    public void A_table_section_gives_a_row_per_item_with_a_value_for_every_column()
    {
        var task = new WorkItem(Guid.NewGuid(), Nao, Chat, "task", "Koulutus", "Tiina", new DateOnly(2027, 3, 1),
            new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 28), Source);

        var row = Assert.Single(PlanSections.Work.Rows(With(work: [task])));

        Assert.Equal(PlanSections.Work.Columns.Count, row.Length);
        Assert.Equal<object?>(
            [Nao, Chat, new PlanTerm("kind", "task"), "Koulutus", "Tiina", new DateOnly(2027, 3, 1),
                new DateSpan(new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 28)), Source],
            row);
    }

    [Fact]
    public void Notes_are_listed_under_the_cell_they_were_written_in()
    {
        var entry = new PlanEntry(Nao, null, "customer", "customer-value", new PlanNote(Guid.NewGuid(), "Nopeampi apu", "", "", "", Source));

        var row = Assert.Single(PlanSections.Customers.Rows(With(customers: [entry])));

        Assert.Equal(PlanLabel.Cell("customer-value"), row[2]);
        Assert.Equal("Nopeampi apu", row[3]);
    }

    [Fact]
    public void An_empty_section_is_named_by_its_section_and_other_gaps_by_their_subject()
    {
        var empty = WorksheetGaps.Gap(WorksheetGaps.EmptySection, Nao, Chat, "operations", Source);
        var ownerless = WorksheetGaps.Gap(WorksheetGaps.TaskWithoutOwner, Nao, Chat, "Koulutus", Source);

        var rows = PlanSections.Gaps.Rows(With(gaps: [empty, ownerless])).ToList();

        Assert.Equal(new object?[] { PlanLabel.Section("operations"), "Koulutus" }, rows.Select(r => r[3]));
        Assert.Equal(new PlanTerm("gap", "empty-section"), rows[0][0]);
    }

    [Fact]
    public void Only_table_sections_name_a_sheet()
    {
        Assert.All(PlanSections.All.Where(s => s.Sheet is not null), s => Assert.NotEmpty(s.Columns));
        Assert.Equal([PlanSections.UseCasesKey, PlanSections.WorkKey, PlanSections.GapsKey],
            PlanSections.All.Where(s => s.Sheet is not null).Select(s => s.Key));
    }
}
