using Digipaja.Core.Plans;
using Digipaja.Web.Api;
using Digipaja.Web.Features.Plans.Exports;
using Digipaja.Web.Features.Plans.Versions;
using Digipaja.Web.Localization;
using Digipaja.Web.Accounts;

namespace Digipaja.Web.Features.Plans;

/// <summary>
/// The plan pages' download links for a signed-in user: the current plan (with the page's filter) or a published
/// version as DOCX, XLSX or PDF. The API offers the same files to bearer tokens under /api/v1.
/// </summary>
public static class PlanDownloads
{
    public static void Map(WebApplication app)
    {
        var downloads = app.MapGroup("/Plans/Export").RequireAuthorization().ExcludeFromDescription();
        foreach (var extension in new[] { "docx", "xlsx", "pdf" })
        {
            downloads.MapGet($"/county.{extension}", (HttpContext http, CancellationToken ct) => Current(PlanLevel.County, null, extension, http, ct));
            downloads.MapGet($"/areas/{{id:guid}}.{extension}", (Guid id, HttpContext http, CancellationToken ct) => Current(PlanLevel.ServiceArea, id, extension, http, ct));
            downloads.MapGet($"/lines/{{id:guid}}.{extension}", (Guid id, HttpContext http, CancellationToken ct) => Current(PlanLevel.ServiceLine, id, extension, http, ct));
            downloads.MapGet($"/versions/{{id:guid}}.{extension}", (Guid id, HttpContext http, CancellationToken ct) => Version(id, extension, http, ct));
        }
    }

    /// <summary>
    /// The current plan for the caller with the request's filter applied, or the status to answer with instead;
    /// <paramref name="forbidden"/> is how the caller's surface refuses (a page redirects, the API answers 403).
    /// </summary>
    public static async Task<(Plan? Plan, IResult? Refusal)> LoadAsync(PlanLevel level, Guid? id, HttpContext http, IResult forbidden, CancellationToken ct)
    {
        var access = http.RequestServices.GetRequiredService<Access>();
        if (!access.CanReadPlans) return (null, forbidden);
        if (await http.RequestServices.GetRequiredService<PlanLoader>().LoadAsync(level, id, ct) is not { } plan) return (null, Results.NotFound());
        if (PlansApi.ReadFilter(http.Request.Query) is not { } filter)
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: ApiText.Get(http, "api.plan_filter_invalid")));
        return (filter.Apply(plan), null);
    }

    private static async Task<IResult> Current(PlanLevel level, Guid? id, string extension, HttpContext http, CancellationToken ct)
    {
        var (plan, refusal) = await LoadAsync(level, id, http, Results.Forbid(), ct);
        return refusal ?? await FileAsync(plan!, extension, http, ct);
    }

    /// <summary>A published version as stored: its own county reads it, other counties only while it is shared.</summary>
    private static async Task<IResult> Version(Guid id, string extension, HttpContext http, CancellationToken ct)
    {
        var plan = await http.RequestServices.GetRequiredService<PlanVersions>().PlanAsync(id, ct);
        return plan is null ? Results.NotFound() : await FileAsync(plan, extension, http, ct);
    }

    /// <summary>Writes the plan in the requested format and the page's language.</summary>
    public static async Task<IResult> FileAsync(Plan plan, string extension, HttpContext http, CancellationToken ct)
    {
        var exports = http.RequestServices.GetRequiredService<PlanExports>();
        var texts = http.RequestServices.GetRequiredService<Texts>();
        switch (extension)
        {
            case "docx":
                return PlanExports.Download(http.Response, exports.Create(plan, PlanExportFormat.Docx, Texts.CurrentLanguage));
            case "xlsx":
                return PlanExports.Download(http.Response, exports.Create(plan, PlanExportFormat.Xlsx, Texts.CurrentLanguage));
            default:
                var pdf = http.RequestServices.GetRequiredService<PlanPdf>();
                if (await pdf.PrintAsync(http, plan, TitleOf(plan, texts), ct) is not { } bytes)
                    return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: texts["plan.export.pdf_unavailable"]);
                return PlanExports.Download(http.Response, new PlanFile(bytes, "application/pdf", exports.FileName(plan, "pdf", Texts.CurrentLanguage)));
        }
    }

    public static string TitleOf(Plan plan, Texts texts) => plan.Scope.Level switch
    {
        PlanLevel.County => texts["plan.county.title", plan.Scope.Name],
        PlanLevel.ServiceArea => texts["plan.area.title", plan.Scope.Name],
        _ => texts["plan.line.title", plan.Scope.Code, plan.Scope.Name],
    };
}
