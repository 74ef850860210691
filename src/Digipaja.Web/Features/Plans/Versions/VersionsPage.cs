using Digipaja.Core.Common;
using Digipaja.Core.Plans;
using Digipaja.Web.Features.Admin;
using Digipaja.Web.Features.Workshops;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Digipaja.Web.Features.Plans.Versions;

/// <summary>What the version pages share: form errors and notices (from <see cref="AdminPage"/>) and how a version is named.</summary>
public abstract class VersionsPage(Texts texts) : AdminPage(texts)
{
    public string LevelName(PlanLevel level) => T[level switch
    {
        PlanLevel.County => "version.level.county",
        PlanLevel.ServiceArea => "version.level.service_area",
        _ => "version.level.service_line",
    }];

    /// <summary>The plan a version is of, e.g. "Service line NAO – Guidance and counselling".</summary>
    public string ScopeText(VersionInfo v) => v.Level == PlanLevel.County
        ? $"{LevelName(v.Level)}: {v.ScopeName}"
        : $"{LevelName(v.Level)} {v.ScopeCode} – {v.ScopeName}";

    public string Published(VersionInfo v) => T["version.published_at", WorkshopsPage.ToHelsinki(v.PublishedAt)];

    /// <summary>Errors of the service (fields named as the API names them, e.g. "serviceLineId") onto the page's Input form.</summary>
    protected void AddInputErrors(IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
            ModelState.AddModelError(e.Field.Length == 0 ? "" : $"Input.{char.ToUpperInvariant(e.Field[0])}{e.Field[1..]}", T[e.MessageKey]);
    }

    /// <summary>The page's answer to a change: <paramref name="ok"/> on success, the form with its errors, 403 or 404.</summary>
    protected IActionResult Outcome<T>(VersionResult<T> result, Func<T, IActionResult> ok)
    {
        switch (result.Status)
        {
            case VersionStatus.Ok:
                return ok(result.Value!);
            case VersionStatus.Invalid:
                AddInputErrors(result.Errors!);
                return Page();
            case VersionStatus.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    public static string LevelParameter(PlanLevel level) => PlanVersions.LevelName(level);

    /// <summary>Reads a level as the API writes it ("service-line") or as the plan pages link it ("ServiceLine").</summary>
    public static PlanLevel? ParseLevel(string? text) =>
        PlanVersions.ParseLevel(text) ?? (Enum.TryParse<PlanLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(text, out _) ? level : null);
}
