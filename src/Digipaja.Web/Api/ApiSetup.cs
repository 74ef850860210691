using Digipaja.Web.Accounts;

namespace Digipaja.Web.Api;

public static class ApiSetup
{
    public static IServiceCollection AddDigipajaApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Digipaja API";
            doc.Info.Description = "Read and write a county's workshop, plan and deployment data. Every call needs a bearer token from POST /api/v1/tokens and sees only the caller's county.";
            return Task.CompletedTask;
        }));
        Features.Plans.Exports.PlanExports.AddTo(services);
        return services;
    }

    public static WebApplication MapDigipajaApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var v1 = app.MapGroup("/api/v1").WithTags("v1");
        TokensApi.Map(v1);

        var secured = v1.MapGroup("").RequireAuthorization(Policies.Api).AddEndpointFilter(RejectRevokedTokens);
        OrganisationApi.Map(secured);
        CatalogueApi.Map(secured);
        WorkshopsApi.Map(secured);
        WorksheetsApi.Map(secured);
        PlansApi.Map(secured);
        PlanExportsApi.Map(secured);
        PlanVersionsApi.Map(secured);
        Realtime.EventStream.Map(secured, app);
        return app;
    }

    /// <summary>A token of a user who has since been deactivated or changed their password is refused.</summary>
    private static async ValueTask<object?> RejectRevokedTokens(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var validity = http.RequestServices.GetRequiredService<TokenValidity>();
        if (!await validity.IsStillValidAsync(http.User, http.RequestAborted))
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: ApiText.Get(http, "api.token_revoked"));
        return await next(context);
    }
}
