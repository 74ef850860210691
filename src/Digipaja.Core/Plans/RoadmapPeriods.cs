using System.Globalization;

namespace Digipaja.Core.Plans;

/// <summary>
/// The periods a roadmap is drawn in: from the start of the period holding its first dated step to the one holding its
/// last, each of one, three, six or twelve months. The page's timeline and the Word document's share them.
/// </summary>
public sealed record RoadmapPeriods(DateOnly First, int MonthsPerPeriod, int Count)
{
    /// <summary>Null when nothing on the roadmap has a date.</summary>
    public static RoadmapPeriods? For(IReadOnlyList<RoadmapService> services, int monthsPerPeriod)
    {
        var dates = services.SelectMany(s => s.Steps).SelectMany(s => new[] { s.Start, s.End }).OfType<DateOnly>().ToList();
        if (dates.Count == 0) return null;
        var (min, max) = (dates.Min(), dates.Max());
        var first = new DateOnly(min.Year, (min.Month - 1) / monthsPerPeriod * monthsPerPeriod + 1, 1);
        var count = ((max.Year - first.Year) * 12 + max.Month - first.Month) / monthsPerPeriod + 1;
        return new RoadmapPeriods(first, monthsPerPeriod, count);
    }

    public IReadOnlyList<DateOnly> Periods => Enumerable.Range(0, Count).Select(i => First.AddMonths(i * MonthsPerPeriod)).ToList();

    public DateOnly LastDayOf(DateOnly period) => period.AddMonths(MonthsPerPeriod).AddDays(-1);

    public string Label(DateOnly period) => MonthsPerPeriod switch
    {
        1 => period.ToString("M/yyyy", CultureInfo.InvariantCulture),
        3 => $"Q{(period.Month - 1) / 3 + 1}/{period.Year}",
        6 => $"H{(period.Month - 1) / 6 + 1}/{period.Year}",
        _ => period.Year.ToString(CultureInfo.InvariantCulture),
    };
}
