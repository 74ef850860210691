using Digipaja.Core.Organisation;
using Digipaja.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Api;

public sealed record CountyDto(Guid Id, string Name);
public sealed record ServiceLineDto(Guid Id, string Code, string Name);
public sealed record ServiceAreaDto(Guid Id, string Code, string Name, IReadOnlyList<ServiceLineDto> ServiceLines);
public sealed record OrganisationDto(CountyDto County, IReadOnlyList<ServiceAreaDto> ServiceAreas);

public static class OrganisationApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/organisation", GetOrganisation)
            .WithSummary("The caller's county with its service areas and service lines");
        api.MapGet("/service-areas/{id:guid}", GetServiceArea)
            .WithSummary("One service area of the caller's county with its service lines")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/service-lines/{id:guid}", GetServiceLine)
            .WithSummary("One service line of the caller's county")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<OrganisationDto>, NotFound>> GetOrganisation(DigipajaDb db, CancellationToken ct)
    {
        var county = await db.Counties.Where(c => c.Id == db.CountyId).Select(c => new CountyDto(c.Id, c.Name))
            .SingleOrDefaultAsync(ct);
        if (county is null) return TypedResults.NotFound();
        var areas = await AreasQuery(db.ServiceAreas).ToListAsync(ct);
        return TypedResults.Ok(new OrganisationDto(county, areas));
    }

    private static async Task<Results<Ok<ServiceAreaDto>, NotFound>> GetServiceArea(Guid id, DigipajaDb db, CancellationToken ct) =>
        await AreasQuery(db.ServiceAreas.Where(a => a.Id == id)).SingleOrDefaultAsync(ct) is { } area
            ? TypedResults.Ok(area)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ServiceLineDto>, NotFound>> GetServiceLine(Guid id, DigipajaDb db, CancellationToken ct) =>
        await db.ServiceLines.Where(l => l.Id == id).Select(l => new ServiceLineDto(l.Id, l.Code, l.Name))
            .SingleOrDefaultAsync(ct) is { } line
            ? TypedResults.Ok(line)
            : TypedResults.NotFound();

    private static IQueryable<ServiceAreaDto> AreasQuery(IQueryable<ServiceArea> areas) =>
        areas.OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new ServiceAreaDto(a.Id, a.Code, a.Name,
                a.ServiceLines.OrderBy(l => l.Code).Select(l => new ServiceLineDto(l.Id, l.Code, l.Name)).ToList()));
}
