using System.Text;
using Digipaja.Core.Plans;
using Digipaja.Web.Api;
using Digipaja.Web.Localization;

namespace Digipaja.Web.Features.Plans;

/// <summary>
/// The plan pages' download links: the same plan as the page (with its filter) as a file, for a signed-in user.
/// The API offers the same files to bearer tokens under /api/v1.
/// </summary>
public static class PlanDownloads
{
    public static void Map(WebApplication app)
    {
        var downloads = app.MapGroup("/Plans/Export").RequireAuthorization().ExcludeFromDescription();
        downloads.MapGet("/county.pdf", (HttpContext http, CancellationToken ct) => Pdf(PlanLevel.County, null, http, ct));
        downloads.MapGet("/areas/{id:guid}.pdf", (Guid id, HttpContext http, CancellationToken ct) => Pdf(PlanLevel.ServiceArea, id, http, ct));
        downloads.MapGet("/lines/{id:guid}.pdf", (Guid id, HttpContext http, CancellationToken ct) => Pdf(PlanLevel.ServiceLine, id, http, ct));
    }

    /// <summary>The plan for the caller, or the status to answer with instead.</summary>
    public static async Task<(Plan? Plan, IResult? Refusal)> LoadAsync(PlanLevel level, Guid? id, HttpContext http, CancellationToken ct)
    {
        var access = http.RequestServices.GetRequiredService<PlanAccess>();
        if (!access.CanReadCurrent) return (null, Results.Forbid());
        if (await http.RequestServices.GetRequiredService<PlanLoader>().LoadAsync(level, id, ct) is not { } plan) return (null, Results.NotFound());
        if (PlansApi.ReadFilter(http.Request.Query) is not { } filter)
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: ApiText.Get(http, "api.plan_filter_invalid")));
        return (filter.Apply(plan), null);
    }

    private static async Task<IResult> Pdf(PlanLevel level, Guid? id, HttpContext http, CancellationToken ct)
    {
        var (plan, refusal) = await LoadAsync(level, id, http, ct);
        if (refusal is not null) return refusal;
        var texts = http.RequestServices.GetRequiredService<Texts>();
        var pdf = http.RequestServices.GetRequiredService<PlanPdf>();
        var title = TitleOf(plan!, texts);
        if (await pdf.PrintAsync(http, plan!, title, ct) is not { } bytes)
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: texts["plan.export.pdf_unavailable"]);
        return Results.File(bytes, "application/pdf", FileName(plan!, "pdf"));
    }

    public static string TitleOf(Plan plan, Texts texts) => plan.Scope.Level switch
    {
        PlanLevel.County => texts["plan.county.title", plan.Scope.Name],
        PlanLevel.ServiceArea => texts["plan.area.title", plan.Scope.Name],
        _ => texts["plan.line.title", plan.Scope.Code, plan.Scope.Name],
    };

    /// <summary>e.g. "suunnitelma-NAO-2026-11-22.pdf": the scope's code in ASCII, so every browser keeps the name.</summary>
    public static string FileName(Plan plan, string extension)
    {
        var code = new StringBuilder();
        foreach (var c in plan.Scope.Code.Normalize(NormalizationForm.FormD))
            if (char.IsAsciiLetterOrDigit(c) || c == '-') code.Append(c);
        return $"plan-{(code.Length > 0 ? code.ToString() : "county")}-{plan.AssembledAt:yyyy-MM-dd}.{extension}";
    }
}
