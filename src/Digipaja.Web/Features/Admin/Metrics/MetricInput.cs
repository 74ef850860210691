using Digipaja.Core.Catalogue;
using Digipaja.Core.Common;

namespace Digipaja.Web.Features.Admin.Metrics;

public sealed class MetricInput
{
    public string? Name { get; set; }
    public string? Definition { get; set; }
    public string? Unit { get; set; }
    public string? Direction { get; set; }
    public string? DataSource { get; set; }
    public int Version { get; set; }

    public static string DirectionKey(MetricDirection d) =>
        d == MetricDirection.LowerIsBetter ? "metric.lower_is_better" : "metric.higher_is_better";

    private MetricDirection? ParsedDirection =>
        Enum.TryParse<MetricDirection>(Direction, out var d) && Enum.IsDefined(d) ? d : null;

    public IEnumerable<FieldError?> Check() =>
    [
        TextRules.CheckRequiredName(nameof(Name), Name, TextRules.NameMaxLength),
        TextRules.CheckOptional(nameof(Definition), Definition, TextRules.DescriptionMaxLength),
        TextRules.CheckOptional(nameof(Unit), Unit, 60),
        ParsedDirection is null ? new FieldError(nameof(Direction), "validation.choose") : null,
        TextRules.CheckOptional(nameof(DataSource), DataSource, TextRules.DescriptionMaxLength),
    ];

    public void ApplyTo(Metric m)
    {
        m.Name = Name!.Trim();
        m.Definition = Definition?.Trim() ?? "";
        m.Unit = Unit?.Trim() ?? "";
        m.Direction = ParsedDirection!.Value;
        m.DataSource = DataSource?.Trim() ?? "";
    }

    public static MetricInput From(Metric m) => new()
    {
        Name = m.Name, Definition = m.Definition, Unit = m.Unit, Direction = m.Direction.ToString(),
        DataSource = m.DataSource, Version = m.Version,
    };
}
