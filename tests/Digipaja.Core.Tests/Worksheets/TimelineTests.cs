using System.Xml.Linq;
using Digipaja.Core.Worksheets;

namespace Digipaja.Core.Tests.Worksheets;

public sealed class TimelineTests
{
    private static WorksheetItem Phase(string text, DateOnly start, DateOnly? end = null) =>
        new() { CellKey = "development-path", Kind = ItemKind.Phase, Text = text, StartDate = start, EndDate = end };

    private static WorksheetItem Milestone(string text, DateOnly date) =>
        new() { CellKey = "development-path", Kind = ItemKind.Milestone, Text = text, StartDate = date };

    [Fact]
    public void A_path_without_dates_has_no_timeline()
    {
        Assert.Null(Timeline.For([]));
        Assert.Null(Timeline.For([new WorksheetItem { CellKey = "development-path", Kind = ItemKind.Phase, Text = "Ei päivää" }]));
    }

    [Fact]
    public void The_months_run_from_the_first_start_to_the_last_end_whole()
    {
        var timeline = Timeline.For([Phase("Pilotti", new(2027, 1, 11), new(2027, 3, 12)), Milestone("Auki", new(2027, 4, 6))])!;

        Assert.Equal([new(2027, 1, 1), new(2027, 2, 1), new(2027, 3, 1), new(2027, 4, 1)], timeline.Months);
    }

    [Fact]
    public void A_path_over_the_turn_of_the_year_keeps_its_months_in_order()
    {
        var timeline = Timeline.For([Phase("Valmistelu", new(2026, 11, 20), new(2027, 2, 1))])!;

        Assert.Equal([new(2026, 11, 1), new(2026, 12, 1), new(2027, 1, 1), new(2027, 2, 1)], timeline.Months);
    }

    [Fact]
    public void A_date_falls_in_its_months_column_by_the_days_gone()
    {
        var timeline = new Timeline([new(2027, 1, 1), new(2027, 2, 1)]);

        Assert.Equal(170, timeline.X(new(2027, 1, 1)));
        Assert.Equal(170 + 60, timeline.X(new(2027, 2, 1)));
        Assert.Equal(170 + 60 + 30, timeline.X(new(2027, 2, 15)));
    }

    [Fact]
    public void The_picture_has_a_column_per_month_a_bar_per_phase_and_a_diamond_per_milestone()
    {
        var phase = Phase("Pilotti", new(2027, 1, 1), new(2027, 2, 1));
        var milestone = Milestone("Auki", new(2027, 3, 1));
        var timeline = Timeline.For([phase, milestone])!;

        var svg = XElement.Parse(timeline.Svg([("Chat", [phase, milestone])], "Kehittämispolku"));

        Assert.Equal("img", svg.Attribute("role")!.Value);
        Assert.Equal("Kehittämispolku", svg.Element("title")!.Value);
        Assert.Equal(["01/27", "02/27", "03/27"], svg.Elements("text").Where(t => t.Attribute("class")?.Value == "timeline__month").Select(t => t.Value));
        var bar = Assert.Single(svg.Elements("rect"));
        Assert.Equal("170", bar.Attribute("x")!.Value);
        Assert.Equal("60", bar.Attribute("width")!.Value);
        Assert.Single(svg.Elements("polygon"), p => p.Attribute("class")!.Value == "timeline__milestone");
    }

    [Fact]
    public void A_phase_of_one_day_is_still_wide_enough_to_see()
    {
        var phase = Phase("Päivä", new(2027, 1, 10), new(2027, 1, 10));

        var svg = XElement.Parse(Timeline.For([phase])!.Svg([("Chat", [phase])], "Polku"));

        Assert.Equal("6", svg.Element("rect")!.Attribute("width")!.Value);
    }

    [Fact]
    public void A_long_row_label_is_shortened_and_text_xml_cannot_hold_is_replaced()
    {
        var phase = Phase("Pilotti", new(2027, 1, 1));

        var svg = XElement.Parse(Timeline.For([phase])!.Svg([("Hoitajan chat äkillisiin vaivoihin\u0001", [phase])], "Polku\u0002"));

        Assert.Equal("Polku\uFFFD", svg.Element("title")!.Value);
        Assert.Equal("Hoitajan chat äkillisiin…", svg.Elements("text").Single(t => t.Attribute("class")?.Value == "timeline__label").Value);
    }
}
