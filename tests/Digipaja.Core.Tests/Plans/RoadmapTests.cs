using System.Xml.Linq;
using Digipaja.Core.Plans;

namespace Digipaja.Core.Tests.Plans;

public sealed class RoadmapTests
{
    private static readonly LineRef Avo = new(Guid.NewGuid(), "AVO", "Avovastaanotto", Guid.NewGuid(), "YSTP", "Yhteiset palvelut");
    private static readonly LineRef Sth = new(Guid.NewGuid(), "STH", "Suun terveydenhuolto", Avo.AreaId, "YSTP", "Yhteiset palvelut");
    private static readonly SourceRef Source = new(Guid.NewGuid(), "Chat", Guid.NewGuid(), "path", "development-path", null);

    private static RoadmapStep Step(string kind, string text, DateOnly? start, DateOnly? end = null) => new(Guid.NewGuid(), kind, text, start, end, Source);

    private static RoadmapService Service(LineRef line, string name, params RoadmapStep[] steps) =>
        new(Guid.NewGuid(), line, null, 0, name, "", "", steps.Min(s => s.Start), null, steps, Source);

    [Fact]
    public void A_roadmap_without_dates_has_no_periods_and_no_chart()
    {
        var undated = Service(Avo, "Chat", Step("phase", "Pilotti", null));

        Assert.Null(RoadmapPeriods.For([undated], 3));
        Assert.Null(RoadmapChart.For([undated], RoadmapZoom.Quarter));
    }

    [Fact]
    public void Periods_run_from_the_start_of_the_first_steps_period_to_the_one_holding_the_last_date()
    {
        var service = Service(Avo, "Chat", Step("phase", "Pilotti", new(2027, 2, 10), new(2027, 8, 20)));

        var quarters = RoadmapPeriods.For([service], 3)!;

        Assert.Equal(new DateOnly(2027, 1, 1), quarters.First);
        Assert.Equal([new(2027, 1, 1), new(2027, 4, 1), new(2027, 7, 1)], quarters.Periods);
        Assert.Equal(new DateOnly(2027, 9, 30), quarters.LastDayOf(quarters.Periods[^1]));
        Assert.Equal(2, RoadmapPeriods.For([service], 6)!.Count);
        Assert.Equal(7, RoadmapPeriods.For([service], 1)!.Count);
    }

    [Theory]
    [InlineData(1, "11/2027")]
    [InlineData(3, "Q4/2027")]
    [InlineData(6, "H2/2027")]
    [InlineData(12, "2027")]
    public void A_period_is_labelled_by_its_length(int months, string label)
    {
        var periods = RoadmapPeriods.For([Service(Avo, "Chat", Step("milestone", "Auki", new(2027, 11, 15)))], months)!;

        Assert.Equal(label, periods.Label(periods.First));
    }

    [Fact]
    public void The_chart_has_a_heading_row_per_line_and_a_row_per_service()
    {
        var services = new[]
        {
            Service(Avo, "Hoitajan chat", Step("phase", "Pilotti", new(2027, 1, 1), new(2027, 3, 31))),
            Service(Avo, "Reseptiviestit", Step("milestone", "Välitavoite", new(2027, 2, 1))),
            Service(Sth, "Hammassäryn chat", Step("task", "Ohje", new(2027, 4, 1))),
        };

        var svg = XElement.Parse(RoadmapChart.For(services, RoadmapZoom.Quarter)!.Svg(services, "Tiekartta", s => s.Name));

        Assert.Equal("Tiekartta", svg.Element("title")!.Value);
        Assert.Equal(["AVO Avovastaanotto", "STH Suun terveydenhuolto"], svg.Elements("text").Where(t => t.Attribute("class")?.Value == "roadmap__line").Select(t => t.Value));
        Assert.Equal(["Hoitajan chat", "Reseptiviestit", "Hammassäryn chat"], svg.Elements("text").Where(t => t.Attribute("class") is null).Select(t => t.Value));
        Assert.Equal(["Q1/2027", "Q2/2027"], svg.Elements("text").Where(t => t.Attribute("class")?.Value == "roadmap__period").Select(t => t.Value));
        // A row for each of the two lines and each of the three services, under the period labels.
        Assert.Equal("186", svg.Attribute("height")!.Value);
    }

    [Fact]
    public void A_phase_bar_covers_its_last_day_and_each_step_names_itself()
    {
        var services = new[]
        {
            Service(Avo, "Chat", Step("phase", "Pilotti", new(2027, 1, 1), new(2027, 3, 31)), Step("task", "Ohje", new(2027, 2, 1))),
        };

        var svg = XElement.Parse(RoadmapChart.For(services, RoadmapZoom.Quarter)!.Svg(services, "Tiekartta", s => s.Name));

        var bar = Assert.Single(svg.Elements("rect"));
        Assert.Equal(("230", "110"), (bar.Attribute("x")!.Value, bar.Attribute("width")!.Value));
        Assert.Equal("Pilotti", bar.Element("title")!.Value);
        Assert.Equal("Ohje", Assert.Single(svg.Elements("circle")).Element("title")!.Value);
    }

    [Fact]
    public void The_go_live_milestone_carries_a_flag_so_that_its_shape_tells_it_apart()
    {
        var services = new[] { Service(Avo, "Chat", Step("milestone", "Välitavoite", new(2027, 1, 15)), Step("go-live", "Auki", new(2027, 4, 6))) };

        var svg = XElement.Parse(RoadmapChart.For(services, RoadmapZoom.Month)!.Svg(services, "Tiekartta", s => s.Name));

        var classes = svg.Elements("polygon").Select(p => p.Attribute("class")!.Value).ToList();
        Assert.Equal(["roadmap__milestone", "roadmap__milestone roadmap__go-live", "roadmap__milestone roadmap__go-live-flag"], classes);
        Assert.Equal("true", svg.Elements("polygon").Last().Attribute("aria-hidden")!.Value);
        Assert.Equal(["1/2027", "2/2027", "3/2027", "4/2027"], svg.Elements("text").Where(t => t.Attribute("class")?.Value == "roadmap__period").Select(t => t.Value));
    }

    [Fact]
    public void Labels_are_shortened_and_text_xml_cannot_hold_is_replaced()
    {
        var services = new[] { Service(Avo, "Chat", Step("task", "Ohje\u0001", new(2027, 1, 1))) };

        var svg = XElement.Parse(RoadmapChart.For(services, RoadmapZoom.Quarter)!.Svg(services, "Tiekartta",
            _ => "Pitkäaikaissairaan chat omahoitajalle ja hoitotiimille"));

        Assert.Equal("Ohje\uFFFD", svg.Element("circle")!.Element("title")!.Value);
        Assert.Equal("Pitkäaikaissairaan chat omaho…", svg.Elements("text").Single(t => t.Attribute("class") is null).Value);
    }
}
