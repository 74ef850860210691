using System.Globalization;
using Digipaja.Core.Plans;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Digipaja.Web.Features.Plans.Versions;

/// <summary>What was added, removed and changed from one version to another (own versions, or versions others share).</summary>
public sealed class CompareModel(PlanVersions versions, Texts texts) : VersionsPage(texts)
{
    /// <summary>The order categories are shown in: the toolkit's four outputs first.</summary>
    public static readonly string[] Categories =
        ["roadmap-service", "roadmap-step", "use-case", "work-item", "goal", "metric", "customer", "operation", "change"];

    private static readonly HashSet<string> DateFields = ["start", "end", "due", "goes-live"];

    [BindProperty(SupportsGet = true)] public Guid? From { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? To { get; set; }

    public VersionInfo? FromVersion { get; private set; }
    public VersionInfo? ToVersion { get; private set; }
    public PlanComparison? Comparison { get; private set; }
    public List<VersionInfo> Choices { get; private set; } = [];

    private Plan? fromPlan;
    private Plan? toPlan;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Choices = await versions.OwnAsync(ct: ct);
        if (From is null || To is null) return Page();
        FromVersion = await versions.InfoAsync(From.Value, ct);
        ToVersion = await versions.InfoAsync(To.Value, ct);
        if (FromVersion is null || ToVersion is null) return NotFound();
        foreach (var v in new[] { FromVersion, ToVersion }.Where(v => !Choices.Any(c => c.Id == v.Id))) Choices.Add(v);
        fromPlan = (await versions.PlanAsync(From.Value, ct))!;
        toPlan = (await versions.PlanAsync(To.Value, ct))!;
        Comparison = PlanComparison.Compare(fromPlan, toPlan);
        return Page();
    }

    public string CategoryName(string category) => T[$"version.compare.category.{category.Replace('-', '_')}"];

    public string FieldName(string field) => T[$"version.compare.field.{field.Replace('-', '_')}"];

    /// <summary>
    /// A field's value before or after the change as the page shows it: kinds, cells and directions in the words the
    /// plan pages use (a cell by its title in the version the value comes from), dates the Finnish way, an empty value
    /// as "(empty)".
    /// </summary>
    public string Value(PlanChange entry, FieldChange change, bool after)
    {
        var value = after ? change.After : change.Before;
        if (value.Length == 0) return T["version.compare.empty_value"];
        var language = Texts.CurrentLanguage;
        switch (change.Field)
        {
            case "kind":
                return entry.Category switch
                {
                    "roadmap-step" => PlanTerms.StepKind(T, language, value),
                    "use-case" => PlanTerms.UseCaseKind(T, language, value),
                    "work-item" => PlanTerms.WorkKind(T, language, value),
                    _ => value,
                };
            case "cell":
                var (own, other) = after ? (toPlan!, fromPlan!) : (fromPlan!, toPlan!);
                return PlanTerms.Label(own, "cell:" + value, language, PlanTerms.Cell(other, value, language));
            case "direction":
                return PlanTerms.Direction(T, language, value);
        }
        if (DateFields.Contains(change.Field) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return PlanPage.Date(date);
        return value;
    }

    public IEnumerable<IGrouping<string, PlanChange>> ByCategory(IReadOnlyList<PlanChange> changes) =>
        changes.GroupBy(c => c.Category).OrderBy(g => Array.IndexOf(Categories, g.Key));
}
