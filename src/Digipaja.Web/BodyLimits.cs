using Digipaja.Web.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Digipaja.Web;

/// <summary>
/// Names an endpoint's request body limit (configuration <c>RequestLimits:&lt;name&gt;</c>, in bytes). Put it on a
/// page model or add it to an endpoint's metadata; an endpoint without one has <see cref="BodyLimits.Default"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class BodyLimitAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// Request body limits per endpoint, so that a request is refused before its body is read instead of after it has
/// been buffered: a body announced larger than its endpoint's limit gets 413 at once, unread, and one sent without
/// a length is cut off at the limit. Most bodies are small forms and JSON; only the endpoints that need more name a
/// larger limit. The largest configured limit is also the server's, so no endpoint reads more than that.
/// </summary>
public sealed class BodyLimits
{
    public const string Default = "Default";
    /// <summary>Notes, presence and the worksheet page's small forms: a note is at most 2,000 characters.</summary>
    public const string Notes = "Notes";
    /// <summary>A template's edit form carries every section's texts in three languages.</summary>
    public const string Templates = "Templates";

    private readonly Dictionary<string, long> limits = new(StringComparer.OrdinalIgnoreCase)
    {
        [Default] = 1024 * 1024,
        [Notes] = 64 * 1024,
        [Templates] = 4 * 1024 * 1024,
    };

    public BodyLimits(IConfiguration config)
    {
        foreach (var setting in config.GetSection("RequestLimits").GetChildren())
            if (long.TryParse(setting.Value, out var bytes) && bytes > 0) limits[setting.Key] = bytes;
    }

    public long Largest => limits.Values.Max();

    public long For(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<BodyLimitAttribute>() is { } named && limits.TryGetValue(named.Name, out var bytes)
            ? bytes
            : limits[Default];
}

public static class BodyLimitsSetup
{
    public static IServiceCollection AddBodyLimits(this IServiceCollection services, IConfiguration config)
    {
        var limits = new BodyLimits(config);
        services.AddSingleton(limits);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = limits.Largest);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = limits.Largest);
        return services;
    }

    /// <summary>After routing, so that the endpoint's limit is known; before anything reads the body.</summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // A status page shown for a refusal runs the pipeline again with the same request: it reads no body.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }
        var limit = context.RequestServices.GetRequiredService<BodyLimits>().For(context.GetEndpoint());
        if (context.Request.ContentLength > limit)
        {
            // Nothing of the body is read; the connection is closed rather than drained.
            context.Response.Headers.Connection = "close";
            if (context.Request.Path.StartsWithSegments("/api"))
                await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: ApiText.Get(context, "api.body_too_large"))
                    .ExecuteAsync(context);
            else
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
            server.MaxRequestBodySize = limit;
        else if (context.Request.ContentLength is null)
            context.Request.Body = new LimitedBody(context.Request.Body, limit);
        await next(context);
    });

    /// <summary>Where the server cannot limit a body itself: reading past the limit fails with 413.</summary>
    private sealed class LimitedBody(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            Count(await inner.ReadAsync(buffer, ct));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        private int Count(int bytes)
        {
            read += bytes;
            if (read > limit) throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            return bytes;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
