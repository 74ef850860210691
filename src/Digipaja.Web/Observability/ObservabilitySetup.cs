using System.Security.Cryptography;
using System.Text;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Digipaja.Web.Observability;

/// <summary>
/// OpenTelemetry metrics and traces: requests (ASP.NET Core), database calls (Npgsql, and EF Core on either
/// provider), the .NET runtime, and the app's own live streams and print queue (<see cref="AppMetrics"/>). Metrics
/// and traces go over OTLP when <c>Otel:Endpoint</c> is set; metrics are also served in the Prometheus format at
/// <c>/metrics</c> when <c>Metrics:Token</c> is set, to a caller presenting it as a bearer token. With neither
/// set nothing is collected.
/// </summary>
public static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddDigipajaObservability(this IServiceCollection services, IConfiguration config)
    {
        var endpoint = config["Otel:Endpoint"] is { Length: > 0 } url ? new Uri(url) : null;
        var scrape = !string.IsNullOrEmpty(config["Metrics:Token"]);
        if (endpoint is null && !scrape) return services;

        var protocol = string.Equals(config["Otel:Protocol"], "http", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        void Otlp(OtlpExporterOptions o)
        {
            o.Endpoint = endpoint!;
            o.Protocol = protocol;
        }

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["Otel:ServiceName"] ?? "digipaja", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AppMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (scrape) metrics.AddPrometheusExporter();
                if (endpoint is not null) metrics.AddOtlpExporter(Otlp);
            });
        if (endpoint is not null)
            otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsUntraced(http.Request.Path))
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(Otlp));
        return services;
    }

    /// <summary>The scrape itself, health probes and live streams (which last for hours) make no spans.</summary>
    private static bool IsUntraced(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health") || path.Value?.EndsWith("/events", StringComparison.Ordinal) == true;

    /// <summary>
    /// Serves <c>/metrics</c> in the Prometheus format when a token is configured, only to a GET presenting it as
    /// <c>Authorization: Bearer</c>; anyone else gets 401. Without a token the path is not served at all.
    /// </summary>
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app, IConfiguration config)
    {
        if (config["Metrics:Token"] is not { Length: > 0 } token) return app;
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => http.Request.Path == MetricsPath,
            path: null,
            configureBranchedPipeline: branch => branch.Use((http, next) =>
            {
                var header = http.Request.Headers.Authorization.ToString();
                var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
                if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expected))
                {
                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    http.Response.Headers.WWWAuthenticate = "Bearer";
                    return Task.CompletedTask;
                }
                if (!HttpMethods.IsGet(http.Request.Method))
                {
                    http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                    return Task.CompletedTask;
                }
                return next(http);
            }),
            optionsName: null);
    }
}
