using Digipaja.Core.Plans;
using Digipaja.Web.Features.Plans.Exports;
using Digipaja.Web.Features.Plans.Versions;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Digipaja.Web.Api;

public sealed record PublishVersionRequest(string? Name);
public sealed record PublishedVersionDto(Guid Id);
public sealed record ShareRequest(bool? Shared, int? Version);
public sealed record CopyStructureRequest(Guid? ServiceLineId, string? Name);
public sealed record VersionScopeDto(Guid Id, string Code, string Name);
public sealed record VersionPersonDto(Guid? Id, string Name);
public sealed record VersionCountyDto(Guid Id, string Name);
public sealed record PlanVersionDto(
    Guid Id, string Name, PlanLevel Level, VersionScopeDto Scope, DateTime PublishedAt, VersionPersonDto PublishedBy,
    bool IsShared, int Version, VersionCountyDto County, string Url)
{
    public static PlanVersionDto From(VersionInfo v) => new(v.Id, v.Name, v.Level, new VersionScopeDto(v.ScopeId, v.ScopeCode, v.ScopeName),
        v.PublishedAt, new VersionPersonDto(v.PublishedById, v.PublishedBy), v.IsShared, v.Version,
        new VersionCountyDto(v.CountyId, v.CountyName), $"/api/v1/plan-versions/{v.Id}");
}
public sealed record VersionComparisonDto(PlanVersionDto From, PlanVersionDto To, IReadOnlyList<PlanChange> Added,
    IReadOnlyList<PlanChange> Removed, IReadOnlyList<PlanChange> Changed);
public sealed record CopiedStructureDto(Guid Id, string Name, IReadOnlyList<string> FunctionalityKeys,
    IReadOnlyList<string> SkippedFunctionalityKeys, int ServiceNames);

/// <summary>
/// Published plan versions. The snapshot is answered in the very JSON shape of the live plan (<see cref="PlanJson"/>);
/// what a version is (name, scope, publisher, sharing) is listed by /plan-versions and /shared-plans instead of being
/// mixed into that shape.
/// </summary>
public static class PlanVersionsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/plans/county/versions", (PublishVersionRequest request, HttpContext http, PlanVersions versions, CancellationToken ct) =>
                Publish(PlanLevel.County, null, request, http, versions, ct))
            .WithSummary("Publish the county plan as it is now as a named version").ProducesValidationProblem();
        api.MapPost("/service-areas/{id:guid}/plan/versions", (Guid id, PublishVersionRequest request, HttpContext http, PlanVersions versions, CancellationToken ct) =>
                Publish(PlanLevel.ServiceArea, id, request, http, versions, ct))
            .WithSummary("Publish a service area's plan as a named version").ProducesValidationProblem();
        api.MapPost("/service-lines/{id:guid}/plan/versions", (Guid id, PublishVersionRequest request, HttpContext http, PlanVersions versions, CancellationToken ct) =>
                Publish(PlanLevel.ServiceLine, id, request, http, versions, ct))
            .WithSummary("Publish a service line's plan as a named version").ProducesValidationProblem();

        api.MapGet("/plan-versions", List).WithSummary("The county's published versions, newest first; ?level=service-line&scopeId=… narrows them");
        api.MapGet("/plan-versions/{id:guid}", Get)
            .WithSummary("A published version: the plan as it was published, in the same JSON shape as the live plan")
            .ProducesProblem(StatusCodes.Status404NotFound);
        foreach (var format in Enum.GetValues<PlanExportFormat>())
        {
            var extension = format.ToString().ToLowerInvariant();
            api.MapGet($"/plan-versions/{{id:guid}}.{extension}", async (Guid id, HttpContext http, PlanVersions versions, PlanExports exports, CancellationToken ct) =>
                    await versions.PlanAsync(id, ct) is { } plan
                        ? PlanExports.Download(http.Response, exports.Create(plan, format, Texts.CurrentLanguage))
                        : Results.NotFound())
                .WithSummary($"A published version as {extension.ToUpperInvariant()}, written from its snapshot")
                .Produces(StatusCodes.Status200OK, contentType: format == PlanExportFormat.Docx ? PlanDocx.ContentType : PlanXlsx.ContentType)
                .ProducesProblem(StatusCodes.Status404NotFound);
        }
        api.MapGet("/plan-versions/{from:guid}/compare/{to:guid}", Compare)
            .WithSummary("What was added, removed and changed from one version to another").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/plan-versions/{id:guid}/sharing", Share)
            .WithSummary("Share a version with the other counties of the installation, or stop sharing it; 409 when the version number is stale")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/shared-plans", (PlanVersions versions, CancellationToken ct) => Shared(versions, ct))
            .WithSummary("Versions other counties share: read them at /plan-versions/{id}, copy their structure");
        api.MapPost("/plan-versions/{id:guid}/copy", Copy)
            .WithSummary("Start a workshop series for one of your service lines from a version's functionalities and services")
            .ProducesValidationProblem();
    }

    private static async Task<Results<Created<PublishedVersionDto>, NotFound, ProblemHttpResult, ValidationProblem>> Publish(
        PlanLevel level, Guid? id, PublishVersionRequest request, HttpContext http, PlanVersions versions, CancellationToken ct)
    {
        var result = await versions.PublishAsync(level, id, request.Name, ct);
        return result.Status switch
        {
            VersionStatus.Ok => TypedResults.Created($"/api/v1/plan-versions/{result.Value!.Id}", new PublishedVersionDto(result.Value.Id)),
            VersionStatus.Forbidden => Forbidden(http),
            VersionStatus.Invalid => ApiText.Invalid(http, result.Errors!),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<JsonHttpResult<List<PlanVersionDto>>, ProblemHttpResult>> List(
        string? level, Guid? scopeId, HttpContext http, PlanVersions versions, CancellationToken ct)
    {
        PlanLevel? parsed = null;
        if (!string.IsNullOrEmpty(level))
        {
            if (PlanVersions.ParseLevel(level) is not { } l)
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: ApiText.Get(http, "version.level_invalid"));
            parsed = l;
        }
        var list = await versions.OwnAsync(parsed, scopeId, ct);
        return TypedResults.Json(list.Select(PlanVersionDto.From).ToList(), PlanJson.Options);
    }

    private static async Task<Results<ContentHttpResult, NotFound>> Get(Guid id, PlanVersions versions, CancellationToken ct) =>
        await versions.SnapshotAsync(id, ct) is { } json
            ? TypedResults.Text(json, "application/json; charset=utf-8")
            : TypedResults.NotFound();

    private static async Task<Results<JsonHttpResult<VersionComparisonDto>, NotFound>> Compare(
        Guid from, Guid to, PlanVersions versions, CancellationToken ct)
    {
        if (await versions.InfoAsync(from, ct) is not { } fromInfo || await versions.InfoAsync(to, ct) is not { } toInfo) return TypedResults.NotFound();
        var comparison = PlanComparison.Compare((await versions.PlanAsync(from, ct))!, (await versions.PlanAsync(to, ct))!);
        return TypedResults.Json(new VersionComparisonDto(PlanVersionDto.From(fromInfo), PlanVersionDto.From(toInfo),
            comparison.Added, comparison.Removed, comparison.Changed), PlanJson.Options);
    }

    private static async Task<Results<JsonHttpResult<PlanVersionDto>, NotFound, ProblemHttpResult, ValidationProblem>> Share(
        Guid id, ShareRequest request, HttpContext http, PlanVersions versions, CancellationToken ct)
    {
        if (request.Shared is not { } shared) return ApiText.Invalid(http, [new("shared", "validation.required")]);
        var result = await versions.SetSharedAsync(id, shared, request.Version, ct);
        return result.Status switch
        {
            VersionStatus.Ok => TypedResults.Json(PlanVersionDto.From(result.Value!), PlanJson.Options),
            VersionStatus.Forbidden => Forbidden(http),
            VersionStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ApiText.Get(http, "share.conflict"),
                extensions: new Dictionary<string, object?> { ["current"] = System.Text.Json.JsonSerializer.SerializeToElement(PlanVersionDto.From(result.Value!), PlanJson.Options) }),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<JsonHttpResult<List<PlanVersionDto>>> Shared(PlanVersions versions, CancellationToken ct) =>
        TypedResults.Json((await versions.SharedByOthersAsync(ct)).Select(PlanVersionDto.From).ToList(), PlanJson.Options);

    private static async Task<Results<Created<CopiedStructureDto>, NotFound, ProblemHttpResult, ValidationProblem>> Copy(
        Guid id, CopyStructureRequest request, HttpContext http, PlanVersions versions, CancellationToken ct)
    {
        var result = await versions.CopyAsync(id, request.ServiceLineId, request.Name, ct);
        return result.Status switch
        {
            VersionStatus.Ok => TypedResults.Created($"/api/v1/workshop-series/{result.Value!.SeriesId}", new CopiedStructureDto(
                result.Value.SeriesId, result.Value.SeriesName, result.Value.FunctionalityKeys, result.Value.SkippedFunctionalityKeys, result.Value.ServiceNames)),
            VersionStatus.Forbidden => Forbidden(http),
            VersionStatus.Invalid => ApiText.Invalid(http, result.Errors!),
            _ => TypedResults.NotFound(),
        };
    }

    private static ProblemHttpResult Forbidden(HttpContext http) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ApiText.Get(http, "api.forbidden"));
}
