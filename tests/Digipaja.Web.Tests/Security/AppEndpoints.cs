using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Digipaja.Web.Tests.Security;

/// <summary>
/// One way into the app as the app itself lists it: a minimal-API route with its HTTP method, or a Razor Page handler
/// (GET or POST, with the handler's name when it has one).
/// </summary>
public sealed record AppEndpoint(string Method, RoutePattern Pattern, string? Handler, bool IsPage, IReadOnlyList<string> HandlerParameters,
    IReadOnlyList<string>? QueryProperties = null)
{
    /// <summary>The path as the app routes it, e.g. <c>/Worksheets/{id:guid}</c>.</summary>
    public string Route => "/" + Pattern.RawText!.TrimStart('/');

    /// <summary>How the expectation table names it: <c>GET /api/v1/worksheets/{id:guid}</c>, <c>POST /Worksheets/{id:guid}?handler=Add</c>.</summary>
    public string Key => $"{Method} {Route}{(Handler is null ? "" : $"?handler={Handler}")}";

    public bool IsApi => Route.StartsWith("/api/", StringComparison.Ordinal);

    public bool Writes => Method is not ("GET" or "HEAD");
}

/// <summary>Reads every endpoint and page handler from the running app, so that none can be left out of a test.</summary>
public static class AppEndpoints
{
    public static async Task<IReadOnlyList<AppEndpoint>> ListAsync(IServiceProvider services)
    {
        var list = new List<AppEndpoint>();

        // Minimal-API routes and other mapped endpoints (health, OpenAPI, the page's live stream, plan downloads).
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ActionDescriptor>() is not null) continue; // a Razor Page, listed below
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET"];
            foreach (var method in methods)
                list.Add(new AppEndpoint(method, endpoint.RoutePattern, null, IsPage: false, []));
        }

        // Razor Pages: each page once (an Index page has two routes; the shorter is used), with every handler method the
        // framework found on its compiled page model.
        var loader = services.GetRequiredService<PageLoader>();
        var pages = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .GroupBy(p => p.ViewEnginePath)
            .Select(g => g.OrderBy(p => p.AttributeRouteInfo!.Template!.Length).First());
        foreach (var page in pages)
        {
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            var pattern = RoutePatternFactory.Parse(page.AttributeRouteInfo!.Template!);
            // Page properties bound from the query string ([BindProperty(SupportsGet = true)]) are read by every handler.
            var query = compiled.BoundProperties.OfType<PageBoundPropertyDescriptor>()
                .Where(p => p.Property.GetCustomAttribute<Microsoft.AspNetCore.Mvc.BindPropertyAttribute>()?.SupportsGet == true)
                .Select(p => p.BindingInfo?.BinderModelName ?? p.Name).ToList();
            foreach (var handler in compiled.HandlerMethods)
            {
                var parameters = handler.Parameters
                    .Where(p => p.ParameterType != typeof(CancellationToken)
                        && p.BindingInfo?.BindingSource != BindingSource.Services
                        && p.ParameterInfo.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromServicesAttribute>() is null
                        && pattern.GetParameter(p.Name) is null)
                    .Select(p => p.Name).ToList();
                list.Add(new AppEndpoint(handler.HttpMethod.ToUpperInvariant(), pattern, handler.Name, IsPage: true, parameters, query));
            }
        }
        return list.OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method).ThenBy(e => e.Handler).ToList();
    }

    /// <summary>
    /// The route up to and including one of its parameters, constraints left out: <c>/api/v1/plan-versions/{from}/compare/{to}</c>.
    /// A parameter's value is looked up by this, so the same name (<c>id</c>) can mean a worksheet in one route and a
    /// version in another.
    /// </summary>
    public static string ParameterKey(RoutePattern pattern, string parameter)
    {
        var parts = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal: text += literal.Content; break;
                    case RoutePatternSeparatorPart separator: text += separator.Content; break;
                    case RoutePatternParameterPart p:
                        text += "{" + p.Name + "}";
                        if (p.Name == parameter) return "/" + string.Join("/", parts.Append(text));
                        break;
                }
            }
            parts.Add(text);
        }
        throw new ArgumentException($"{pattern.RawText} has no parameter {parameter}");
    }

    /// <summary>The path with every parameter replaced by its value (an optional parameter without a value is left out).</summary>
    public static string Path(RoutePattern pattern, Func<string, string?> value)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                text += part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart p => Uri.EscapeDataString(value(p.Name) ?? ""),
                    _ => "",
                };
            }
            if (text.Length > 0) segments.Add(text);
        }
        return "/" + string.Join("/", segments);
    }
}
