using System.Globalization;
using Digipaja.Core.Plans;
using Digipaja.Web.Features.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Digipaja.Web.Accounts;

namespace Digipaja.Web.Api;

public static class PlansApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/plans/county", (HttpContext http, Access access, PlanLoader loader, CancellationToken ct) =>
                Get(PlanLevel.County, null, http, access, loader, ct))
            .WithSummary("The county's deployment plan, assembled from every service line's worksheets now");
        api.MapGet("/service-areas/{id:guid}/plan", (Guid id, HttpContext http, Access access, PlanLoader loader, CancellationToken ct) =>
                Get(PlanLevel.ServiceArea, id, http, access, loader, ct))
            .WithSummary("A service area's plan: its service lines' plans merged").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/service-lines/{id:guid}/plan", (Guid id, HttpContext http, Access access, PlanLoader loader, CancellationToken ct) =>
                Get(PlanLevel.ServiceLine, id, http, access, loader, ct))
            .WithSummary("A service line's plan from its worksheets").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<JsonHttpResult<Plan>, NotFound, ProblemHttpResult>> Get(
        PlanLevel level, Guid? id, HttpContext http, Access access, PlanLoader loader, CancellationToken ct)
    {
        if (!access.CanReadPlans)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ApiText.Get(http, "api.forbidden"));
        if (await loader.LoadAsync(level, id, ct) is not { } plan) return TypedResults.NotFound();
        if (ReadFilter(http.Request.Query) is not { } filter)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: ApiText.Get(http, "api.plan_filter_invalid"));
        return TypedResults.Json(filter.Apply(plan), PlanJson.Options);
    }

    /// <summary>?functionality=chat&amp;wave=1&amp;area={id}&amp;from=2026-01-01&amp;to=2026-12-31; null when a value does not parse.</summary>
    public static PlanFilter? ReadFilter(IQueryCollection query)
    {
        int? wave = null;
        Guid? area = null;
        DateOnly? from = null, to = null;
        if (query["wave"].ToString() is { Length: > 0 } w)
        {
            if (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
            wave = n;
        }
        if (query["area"].ToString() is { Length: > 0 } a)
        {
            if (!Guid.TryParse(a, out var g)) return null;
            area = g;
        }
        if (!TryDate(query["from"], ref from) || !TryDate(query["to"], ref to)) return null;
        var functionality = query["functionality"].ToString();
        return new PlanFilter(functionality.Length > 0 ? functionality : null, wave, area, from, to);

        static bool TryDate(string? text, ref DateOnly? date)
        {
            if (string.IsNullOrEmpty(text)) return true;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
            date = d;
            return true;
        }
    }
}
