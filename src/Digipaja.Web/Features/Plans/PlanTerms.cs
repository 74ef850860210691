using System.Globalization;
using Digipaja.Core.Plans;
using Digipaja.Web.Localization;

namespace Digipaja.Web.Features.Plans;

/// <summary>
/// How a plan's things are named in words, shared by the plan pages, the version comparison and the exports. Sections
/// and cells are named by the titles of the templates the worksheets were made with (kept in the plan, so a published
/// version keeps the titles it was written with); kinds and directions by the app's texts. An unknown key, e.g. from a
/// newer version's snapshot, shows itself rather than a missing-key marker.
/// </summary>
public static class PlanTerms
{
    /// <summary>A label of the plan ("section:…" or "cell:…") in the language, or the fallback when the plan has none.</summary>
    public static string Label(Plan plan, string key, string language, string fallback) =>
        plan.Labels.TryGetValue(key, out var label) && !label.IsEmpty ? label.In(language) : fallback;

    public static string Section(Plan plan, string sectionKey, string language) =>
        sectionKey.Length == 0 ? "" : Label(plan, "section:" + sectionKey, language, sectionKey);

    public static string Cell(Plan plan, string cellKey, string language) =>
        cellKey.Length == 0 ? "" : Label(plan, "cell:" + cellKey, language, cellKey);

    /// <summary>The text of a key in the language, or the fallback when there is no such text.</summary>
    public static string Text(Texts texts, string language, string key, string fallback) =>
        texts.All(Texts.Languages.Contains(language) ? language : Texts.DefaultLanguage).TryGetValue(key, out var text) ? text : fallback;

    /// <summary>A service by its name, or by its row when the worksheet has not named it yet.</summary>
    public static string ServiceName(Texts texts, string language, RoadmapService service) =>
        service.Name.Length > 0 ? service.Name
        : string.Format(CultureInfo.InvariantCulture, Text(texts, language, "plan.service_unnamed", "{0}"), service.Row);

    /// <summary>A roadmap step's kind (phase, milestone, task, given-up) as the plan pages name it.</summary>
    public static string StepKind(Texts texts, string language, string kind) => Text(texts, language, $"plan.step.{kind}", kind);

    /// <summary>A use case's kind (before, during, between, target-group) as the plan pages name it.</summary>
    public static string UseCaseKind(Texts texts, string language, string kind) => Text(texts, language, $"plan.use_case.{kind}", kind);

    /// <summary>A development work item's kind (task, given-up, open-question) as the plan pages name it.</summary>
    public static string WorkKind(Texts texts, string language, string kind) => Text(texts, language, $"plan.work.{kind}", kind);

    /// <summary>A metric's direction (higher-is-better, lower-is-better) as the plan pages name it.</summary>
    public static string Direction(Texts texts, string language, string direction) =>
        Text(texts, language, $"plan.direction.{direction}", direction);
}
