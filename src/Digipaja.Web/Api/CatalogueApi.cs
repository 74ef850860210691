using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Api;

public sealed record FunctionalityDto(Guid Id, string Key, string Name, int Wave);
public sealed record MetricDto(Guid Id, string Name, string Definition, string Unit, string Direction, string DataSource);

public static class CatalogueApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/functionalities", async (DigipajaDb db, CancellationToken ct) =>
                await db.Functionalities.OrderBy(f => f.Wave).ThenBy(f => f.Name)
                    .Select(f => new FunctionalityDto(f.Id, f.Key, f.Name, f.Wave)).ToListAsync(ct))
            .WithSummary("The county's catalogue of platform functionalities and their waves");
        api.MapGet("/metrics", async (DigipajaDb db, CancellationToken ct) =>
                (await db.Metrics.OrderBy(m => m.Name).ToListAsync(ct))
                    .Select(m => new MetricDto(m.Id, m.Name, m.Definition, m.Unit, m.Direction.ToString(), m.DataSource)))
            .WithSummary("The county's metric library");
    }
}
