using Digipaja.Core.Plans;
using Digipaja.Web.Features.Plans;
using Digipaja.Web.Features.Plans.Exports;
using Digipaja.Web.Localization;

namespace Digipaja.Web.Api;

/// <summary>
/// The plans of <see cref="PlansApi"/> as Word documents and workbooks, at the same paths with .docx and .xlsx:
/// the same access (participants and up read the current plan), county scoping (another county's id is 404) and
/// filters. The document's language is the request's (Accept-Language).
/// </summary>
public static class PlanExportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        foreach (var format in Enum.GetValues<PlanExportFormat>())
        {
            var extension = format.ToString().ToLowerInvariant();
            var contentType = format == PlanExportFormat.Docx ? PlanDocx.ContentType : PlanXlsx.ContentType;
            api.MapGet($"/plans/county.{extension}", (HttpContext http, PlanExports exports, CancellationToken ct) =>
                    Export(PlanLevel.County, null, format, http, exports, ct))
                .WithSummary($"The county's deployment plan as {extension.ToUpperInvariant()}")
                .Produces(StatusCodes.Status200OK, contentType: contentType);
            api.MapGet($"/service-areas/{{id:guid}}/plan.{extension}", (Guid id, HttpContext http, PlanExports exports, CancellationToken ct) =>
                    Export(PlanLevel.ServiceArea, id, format, http, exports, ct))
                .WithSummary($"A service area's plan as {extension.ToUpperInvariant()}")
                .Produces(StatusCodes.Status200OK, contentType: contentType).ProducesProblem(StatusCodes.Status404NotFound);
            api.MapGet($"/service-lines/{{id:guid}}/plan.{extension}", (Guid id, HttpContext http, PlanExports exports, CancellationToken ct) =>
                    Export(PlanLevel.ServiceLine, id, format, http, exports, ct))
                .WithSummary($"A service line's plan as {extension.ToUpperInvariant()}")
                .Produces(StatusCodes.Status200OK, contentType: contentType).ProducesProblem(StatusCodes.Status404NotFound);
        }
    }

    private static async Task<IResult> Export(PlanLevel level, Guid? id, PlanExportFormat format, HttpContext http, PlanExports exports, CancellationToken ct)
    {
        var forbidden = TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ApiText.Get(http, "api.forbidden"));
        var (plan, refusal) = await PlanDownloads.LoadAsync(level, id, http, forbidden, ct);
        return refusal ?? PlanExports.Download(http.Response, exports.Create(plan!, format, Texts.CurrentLanguage));
    }
}
