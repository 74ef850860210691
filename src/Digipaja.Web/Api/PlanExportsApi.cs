using Digipaja.Core.Plans;
using Digipaja.Web.Features.Plans;
using Digipaja.Web.Features.Plans.Exports;
using Digipaja.Web.Localization;

namespace Digipaja.Web.Api;

/// <summary>
/// The plans of <see cref="PlansApi"/> as Word documents and workbooks, at the same paths with .docx and .xlsx:
/// the same access (participants and up read the current plan), county scoping (another county's id is 404) and
/// filters, and the same turns in the files' queue (429 with Retry-After when a caller already has as many waiting
/// as allowed). The document's language is the request's (Accept-Language).
/// </summary>
public static class PlanExportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        foreach (var format in Enum.GetValues<PlanExportFormat>())
        {
            var extension = format.ToString().ToLowerInvariant();
            var contentType = format == PlanExportFormat.Docx ? PlanDocx.ContentType : PlanXlsx.ContentType;
            api.MapGet($"/plans/county.{extension}", (HttpContext http, CancellationToken ct) =>
                    Export(PlanLevel.County, null, format, http, ct))
                .WithSummary($"The county's deployment plan as {extension.ToUpperInvariant()}")
                .Produces(StatusCodes.Status200OK, contentType: contentType);
            api.MapGet($"/service-areas/{{id:guid}}/plan.{extension}", (Guid id, HttpContext http, CancellationToken ct) =>
                    Export(PlanLevel.ServiceArea, id, format, http, ct))
                .WithSummary($"A service area's plan as {extension.ToUpperInvariant()}")
                .Produces(StatusCodes.Status200OK, contentType: contentType).ProducesProblem(StatusCodes.Status404NotFound);
            api.MapGet($"/service-lines/{{id:guid}}/plan.{extension}", (Guid id, HttpContext http, CancellationToken ct) =>
                    Export(PlanLevel.ServiceLine, id, format, http, ct))
                .WithSummary($"A service line's plan as {extension.ToUpperInvariant()}")
                .Produces(StatusCodes.Status200OK, contentType: contentType).ProducesProblem(StatusCodes.Status404NotFound);
        }
    }

    private static async Task<IResult> Export(PlanLevel level, Guid? id, PlanExportFormat format, HttpContext http, CancellationToken ct)
    {
        var forbidden = TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ApiText.Get(http, "api.forbidden"));
        return await PlanDownloads.FileAsync(http, format, token => PlanDownloads.MayReadAsync(level, id, http, forbidden, token),
            token => PlanDownloads.LoadAsync(level, id, http, forbidden, token), ct);
    }
}
