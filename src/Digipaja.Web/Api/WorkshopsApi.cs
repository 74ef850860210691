using Digipaja.Core.Worksheets;
using Digipaja.Core.Workshops;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Features.Workshops;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Digipaja.Web.Accounts;

namespace Digipaja.Web.Api;

public sealed record CreateSeriesRequest(List<Guid>? ServiceLineIds, List<string>? FunctionalityKeys, string? Name);
public sealed record AgendaItemDto(Guid Id, int Position, string Title, int Minutes, int Version);
public sealed record WorkshopDto(Guid Id, int Number, string Title, string Topic, string Goal, DateTime? StartsAt, int DurationMinutes,
    string Covers, int Version, List<AgendaItemDto> Agenda);
public sealed record WorksheetSummaryDto(Guid Id, string Title, string TemplateKey, int TemplateVersion, string? FunctionalityKey, int Version);
public sealed record SeriesDto(Guid Id, string Name, int Version, List<Guid> ServiceLineIds, List<WorkshopDto> Workshops, List<WorksheetSummaryDto> Worksheets);

public static class WorkshopsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/workshop-series", Create)
            .WithSummary("Create a workshop series with the toolkit's four default workshops and its worksheets")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/workshop-series/{id:guid}", Get)
            .WithSummary("One workshop series with its workshops and worksheets")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<SeriesDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateSeriesRequest request, HttpContext http, Access access, SeriesCreator creator, DigipajaDb db, CancellationToken ct)
    {
        if (!access.CanCreateSeries)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ApiText.Get(http, "api.forbidden"));
        var (series, errors) = await creator.CreateAsync(
            new SeriesCreator.Request(request.ServiceLineIds ?? [], request.FunctionalityKeys ?? [], request.Name), ct);
        if (series is null) return ApiText.Invalid(http, errors);
        var dto = await LoadAsync(db, series.Id, ct);
        return TypedResults.Created($"/api/v1/workshop-series/{series.Id}", dto);
    }

    private static async Task<Results<Ok<SeriesDto>, NotFound, ProblemHttpResult>> Get(
        Guid id, HttpContext http, Access access, DigipajaDb db, CancellationToken ct)
    {
        if (!await db.WorkshopSeries.AnyAsync(s => s.Id == id, ct)) return TypedResults.NotFound();
        if (await access.InSeriesAsync(id, ct) == SeriesPermission.None)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ApiText.Get(http, "api.forbidden"));
        return TypedResults.Ok((await LoadAsync(db, id, ct))!);
    }

    internal static async Task<SeriesDto?> LoadAsync(DigipajaDb db, Guid id, CancellationToken ct)
    {
        var series = await db.WorkshopSeries.AsNoTracking().AsSplitQuery()
            .Include(s => s.ServiceLines).Include(s => s.Workshops).ThenInclude(w => w.Agenda)
            .SingleOrDefaultAsync(s => s.Id == id, ct);
        if (series is null) return null;
        var sheets = await db.Worksheets.Where(w => w.SeriesId == id).OrderBy(w => w.CreatedAt)
            .Select(w => new
            {
                w.Id, w.Title, w.Template!.Key, TemplateVersion = w.Template.Version, w.Version,
                FunctionalityKey = db.Functionalities.Where(f => f.Id == w.FunctionalityId).Select(f => f.Key).FirstOrDefault(),
            }).ToListAsync(ct);
        return new SeriesDto(series.Id, series.Name, series.Version, series.ServiceLines.Select(l => l.ServiceLineId).ToList(),
            series.Workshops.OrderBy(w => w.Number).Select(w => new WorkshopDto(w.Id, w.Number, w.Title, w.Topic, w.Goal, w.StartsAt,
                w.DurationMinutes, w.Covers, w.Version,
                w.Agenda.OrderBy(a => a.Position).Select(a => new AgendaItemDto(a.Id, a.Position, a.Title, a.Minutes, a.Version)).ToList())).ToList(),
            sheets.Select(s => new WorksheetSummaryDto(s.Id, s.Title, s.Key, s.TemplateVersion, s.FunctionalityKey, s.Version)).ToList());
    }
}
