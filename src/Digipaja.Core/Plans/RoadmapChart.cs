using System.Globalization;
using System.Xml.Linq;
using Digipaja.Core.Common;

namespace Digipaja.Core.Plans;

public enum RoadmapZoom
{
    Quarter,
    Month,
}

/// <summary>
/// Draws the roadmap as an SVG of service lines × time: a heading row per line, a row per service with its phases
/// (bars), milestones (diamonds; the go-live one flagged) and tasks (rings). The page's table carries the same facts in text.
/// </summary>
public sealed class RoadmapChart
{
    private const int LabelWidth = 230;
    private const int RowHeight = 30;
    private const int Top = 28;

    private readonly RoadmapPeriods periods;
    private readonly RoadmapZoom zoom;
    private int PeriodWidth => zoom == RoadmapZoom.Month ? 56 : 110;

    private RoadmapChart(RoadmapPeriods periods, RoadmapZoom zoom) => (this.periods, this.zoom) = (periods, zoom);

    /// <summary>Null when nothing on the roadmap has a date.</summary>
    public static RoadmapChart? For(IReadOnlyList<RoadmapService> services, RoadmapZoom zoom) =>
        RoadmapPeriods.For(services, zoom == RoadmapZoom.Month ? 1 : 3) is { } periods ? new RoadmapChart(periods, zoom) : null;

    private double X(DateOnly date)
    {
        var monthIndex = (date.Year - periods.First.Year) * 12 + date.Month - periods.First.Month;
        var inMonth = (date.Day - 1) / (double)DateTime.DaysInMonth(date.Year, date.Month);
        return LabelWidth + (monthIndex + inMonth) * PeriodWidth / periods.MonthsPerPeriod;
    }

    public string Svg(IReadOnlyList<RoadmapService> services, string title, Func<RoadmapService, string> label)
    {
        var lines = services.GroupBy(s => s.ServiceLine.Id).ToList();
        var rowCount = lines.Count + services.Count;
        title = DisplayText.XmlSafe(title);
        var width = LabelWidth + periods.Count * PeriodWidth + 12;
        var height = Top + rowCount * RowHeight + 8;
        var svg = new XElement("svg",
            A("role", "img"), A("aria-label", title), A("class", "roadmap__svg"),
            A("viewBox", $"0 0 {width} {height}"), A("width", width), A("height", height),
            new XElement("title", title));
        var periodList = periods.Periods;
        for (var p = 0; p < periodList.Count; p++)
        {
            var x = LabelWidth + p * PeriodWidth;
            svg.Add(new XElement("line", A("x1", x), A("y1", 20), A("x2", x), A("y2", height), A("class", "roadmap__grid")));
            svg.Add(new XElement("text", A("x", x + 4), A("y", 16), A("class", "roadmap__period"), periods.Label(periodList[p])));
        }
        var row = 0;
        foreach (var line in lines)
        {
            var y = Top + row++ * RowHeight;
            var head = line.First().ServiceLine;
            svg.Add(new XElement("text", A("x", 0), A("y", y + 19), A("class", "roadmap__line"), Cut($"{head.Code} {head.Name}", 34)));
            foreach (var service in line)
            {
                y = Top + row++ * RowHeight;
                svg.Add(new XElement("text", A("x", 12), A("y", y + 19), Cut(label(service), 30)));
                foreach (var step in service.Steps.Where(s => s.Start is not null))
                {
                    var x = X(step.Start!.Value);
                    switch (step.Kind)
                    {
                        case "phase":
                            var end = X((step.End ?? step.Start.Value).AddDays(1));
                            svg.Add(new XElement("rect", A("x", F(x)), A("y", y + 6), A("width", F(Math.Max(6, end - x))), A("height", 16), A("rx", 3),
                                A("class", "roadmap__phase"), new XElement("title", DisplayText.XmlSafe(step.Text))));
                            break;
                        case "milestone":
                            svg.Add(new XElement("polygon", A("points", $"{F(x)},{y + 4} {F(x + 9)},{y + 14} {F(x)},{y + 24} {F(x - 9)},{y + 14}"),
                                A("class", "roadmap__milestone"), new XElement("title", DisplayText.XmlSafe(step.Text))));
                            break;
                        case "go-live":
                            // The go-live milestone: a diamond with a flag on it, told apart by its shape, not by colour.
                            svg.Add(new XElement("polygon", A("points", $"{F(x)},{y + 4} {F(x + 9)},{y + 14} {F(x)},{y + 24} {F(x - 9)},{y + 14}"),
                                A("class", "roadmap__milestone roadmap__go-live"), new XElement("title", DisplayText.XmlSafe(step.Text))));
                            svg.Add(new XElement("polygon", A("points", $"{F(x)},{y + 4} {F(x)},{y - 4} {F(x + 8)},{y - 1} {F(x + 1)},{y + 2}"),
                                A("class", "roadmap__milestone roadmap__go-live-flag"), A("aria-hidden", "true")));
                            break;
                        default:
                            svg.Add(new XElement("circle", A("cx", F(x)), A("cy", y + 14), A("r", 5), A("class", "roadmap__task"),
                                new XElement("title", DisplayText.XmlSafe(step.Text))));
                            break;
                    }
                }
            }
        }
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>A label that fits beside the chart: cut between whole characters, and safe to write as XML.</summary>
    private static string Cut(string text, int max) => DisplayText.XmlSafe(DisplayText.Shorten(text, max));

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static XAttribute A(string name, object value) => new(name, Convert.ToString(value, CultureInfo.InvariantCulture)!);
}
