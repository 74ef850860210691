using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Digipaja.Core.Common;

namespace Digipaja.Core.Worksheets;

/// <summary>
/// Draws a development path as an SVG picture of months, phases (bars) and milestones (diamonds).
/// The picture is built here, escaped as XML, because the page's lists beside it carry the same facts in text.
/// </summary>
public sealed record Timeline(IReadOnlyList<DateOnly> Months)
{
    private const int LabelWidth = 170;
    private const int MonthWidth = 60;
    private const int RowHeight = 34;
    private const int Top = 24;

    /// <summary>The months from the first dated item's to the last one's end; null when no item has a date.</summary>
    public static Timeline? For(IReadOnlyCollection<WorksheetItem> items)
    {
        var dated = items.Where(i => i.StartDate is not null).ToList();
        if (dated.Count == 0) return null;
        var first = dated.Min(i => i.StartDate!.Value);
        var last = dated.Max(i => i.EndDate ?? i.StartDate!.Value);
        var months = new List<DateOnly>();
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= last; m = m.AddMonths(1)) months.Add(m);
        return new Timeline(months);
    }

    /// <summary>Where a date falls across the picture: its month's column, and the day's share of that month.</summary>
    public int X(DateOnly date)
    {
        var index = (date.Year - Months[0].Year) * 12 + date.Month - Months[0].Month;
        return LabelWidth + index * MonthWidth + (date.Day - 1) * MonthWidth / DateTime.DaysInMonth(date.Year, date.Month);
    }

    public string Svg(IReadOnlyList<(string Label, IEnumerable<WorksheetItem> Items)> rows, string title)
    {
        title = DisplayText.XmlSafe(title);
        var width = LabelWidth + Months.Count * MonthWidth + 10;
        var height = Top + rows.Count * RowHeight + 6;
        var svg = new XElement("svg",
            new XAttribute("role", "img"), new XAttribute("aria-label", title), new XAttribute("class", "timeline__svg"),
            new XAttribute("viewBox", $"0 0 {width} {height}"), new XAttribute("width", width), new XAttribute("height", height),
            new XElement("title", title));
        for (var m = 0; m < Months.Count; m++)
        {
            var x = LabelWidth + m * MonthWidth;
            svg.Add(new XElement("line", Attrs(("x1", x), ("y1", 18), ("x2", x), ("y2", height), ("class", "timeline__grid"))));
            svg.Add(new XElement("text", Attrs(("x", x + 3), ("y", 14), ("class", "timeline__month")), Months[m].ToString("MM/yy", CultureInfo.InvariantCulture)));
        }
        for (var r = 0; r < rows.Count; r++)
        {
            var y = Top + r * RowHeight;
            var label = DisplayText.XmlSafe(DisplayText.Shorten(rows[r].Label, 25));
            svg.Add(new XElement("text", Attrs(("x", 0), ("y", y + 18), ("class", "timeline__label")), label));
            foreach (var item in rows[r].Items.Where(i => i.StartDate is not null))
            {
                var x = X(item.StartDate!.Value);
                svg.Add(item.Kind == ItemKind.Milestone
                    ? new XElement("polygon", Attrs(("points", $"{x},{y + 4} {x + 9},{y + 14} {x},{y + 24} {x - 9},{y + 14}"), ("class", "timeline__milestone")))
                    : new XElement("rect", Attrs(("x", x), ("y", y + 4), ("width", Math.Max(6, X(item.EndDate ?? item.StartDate.Value) - x)),
                        ("height", 20), ("rx", 3), ("class", "timeline__phase"))));
            }
        }
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    private static XAttribute[] Attrs(params (string Name, object Value)[] attributes) =>
        attributes.Select(a => new XAttribute(a.Name, Convert.ToString(a.Value, CultureInfo.InvariantCulture)!)).ToArray();
}
