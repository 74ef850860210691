using Digipaja.Web.Observability;
using System.Buffers;
using System.IO.Pipelines;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Api;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Features.Workshops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Digipaja.Web.Realtime;

/// <summary>
/// A worksheet's live stream as Server-Sent Events. Every event carries its number as the SSE id; a client that
/// reconnects with Last-Event-ID first gets every event it missed, in order, then the live ones. When the missed
/// events are no longer kept, it gets a "reload" event instead of a silent gap.
/// </summary>
public static class EventStream
{
    public static void Map(IEndpointRouteBuilder api, IEndpointRouteBuilder pages)
    {
        api.MapGet("/worksheets/{id:guid}/events", Open)
            .WithSummary("The worksheet's live stream of changes (Server-Sent Events; resume with Last-Event-ID)")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // The page's own stream authenticates with the sign-in cookie, like the page itself.
        pages.MapGet("/Worksheets/{id:guid}/events", Open).RequireAuthorization().ExcludeFromDescription();
        api.MapPost("/worksheets/{id:guid}/presence", Move)
            .WithSummary("Tell the others which section the caller's open stream (its connectionId from the ready event) is in")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(new BodyLimitAttribute(BodyLimits.Notes));
    }

    /// <summary>
    /// Serves the live streams that endpoints handed over, after the rest of the request pipeline has returned: a
    /// stream stays open for hours, and would otherwise keep every middleware's call (authentication, authorization,
    /// localization, error pages) and what it holds alive for all that time. Goes first in the pipeline.
    /// </summary>
    public static IApplicationBuilder UseLiveStreams(this IApplicationBuilder app) => app.Use(static async (context, next) =>
    {
        await next(context);
        if (context.Features.Get<SseStream>() is { } stream) await stream.RunAsync(context);
    });

    /// <summary>Where a participant is: the connection id their stream's "ready" event gave, and a section key (or none).</summary>
    public sealed record PresenceMove(Guid ConnectionId, string? SectionKey);

    /// <summary>Moves the caller's connection to a section of the worksheet, for the API and the page alike.</summary>
    public static async Task<EditStatus> MoveAsync(Guid id, PresenceMove move, WorksheetEditor editor, Caller caller, Presence presence, CancellationToken ct)
    {
        if (await editor.LoadAsync(id, ct) is not { } context) return EditStatus.NotFound;
        if (context.Permission == SeriesPermission.None) return EditStatus.Forbidden;
        if (move.SectionKey is { } key && context.Template.Sections.All(s => s.Key != key)) return EditStatus.Invalid;
        return presence.Move(id, move.ConnectionId, caller.UserId!.Value, move.SectionKey) ? EditStatus.Ok : EditStatus.NotFound;
    }

    private static async Task<IResult> Move(Guid id, PresenceMove move, HttpContext http, WorksheetEditor editor, Caller caller, Presence presence,
        CancellationToken ct) =>
        await MoveAsync(id, move, editor, caller, presence, ct) switch
        {
            EditStatus.Ok => TypedResults.NoContent(),
            EditStatus.Forbidden => TypedResults.Forbid(),
            EditStatus.Invalid => ApiText.Invalid(http, [new FieldError("sectionKey", "worksheet.unknown_section")]),
            _ => TypedResults.NotFound(),
        };

    private static async Task<IResult> Open(Guid id, HttpContext http, Caller caller,
        WorksheetEventHub hub, IServiceScopeFactory scopes, Presence presence, StreamLimits limits, IOptions<IdentityOptions> identity,
        CancellationToken ct)
    {
        // Taken before the check: a change of access announced after this point is checked again once the stream has
        // subscribed (see RunAsync), so none falls between the check and the subscription.
        var accessGeneration = hub.AccessGeneration;
        // Authorization is decided when the stream opens, and again whenever the user's access changes (the stream
        // then carries only this worksheet's events). The check runs in a scope of its own: the request's scope lives
        // as long as the stream (hours), and should not keep a database context, the loaded worksheet and its
        // template for all that time.
        Guid sheetId, seriesId;
        long committedSeq;
        using (var scope = scopes.CreateScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<WorksheetEditor>();
            if (await editor.LoadAsync(id, ct) is not { } context) return TypedResults.NotFound();
            if (context.Permission == SeriesPermission.None) return TypedResults.Forbid();
            sheetId = context.Sheet.Id;
            seriesId = context.Sheet.SeriesId;
            committedSeq = context.Sheet.EventSeq;
        }
        var user = caller.UserId!.Value;
        // Given back when the request ends, which for a stream is when the stream ends (or when it never started).
        if (limits.TryOpen(user) is not { } place)
        {
            AppMetrics.StreamsRefused.Add(1);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: ApiText.Get(http, "live.too_many_streams"));
        }
        http.Response.RegisterForDispose(place);
        var access = new StreamAccess(user, caller.CountyId!.Value, seriesId,
            http.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType), accessGeneration);
        return new SseStream(sheetId, committedSeq, access, caller.UserName ?? "", ParseLastEventId(http), hub, scopes, presence);
    }

    /// <summary>
    /// What an open stream's right rests on, kept to check it again when the user's access changes: the user, their
    /// county, the worksheet's series and the security stamp of the cookie or token the stream was opened with.
    /// </summary>
    private sealed record StreamAccess(Guid User, Guid County, Guid Series, string? Stamp, long Generation)
    {
        /// <summary>
        /// Why the stream may no longer go on (the reason its "revoked" event gives), or null when it may. One read, made
        /// only when an access change was announced, never per event.
        /// </summary>
        public async Task<string?> RevokedAsync(IServiceScopeFactory scopes, CancellationToken ct)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
            // The stream's request has let go of its caller, so the county filter would see nothing: the county is
            // compared by hand.
            var now = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == User && u.CountyId == County)
                .Select(u => new
                {
                    u.IsActive, u.SecurityStamp, u.Role,
                    Member = db.SeriesMembers.IgnoreQueryFilters().Where(m => m.SeriesId == Series && m.UserId == u.Id)
                        .Select(m => (Digipaja.Core.Workshops.SeriesRole?)m.Role).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(ct);
            if (now is not { IsActive: true }) return "deactivated";
            // Signed out, a new password or a new role: the cookie or token the stream was opened with is no longer good.
            if (now.SecurityStamp != Stamp) return "signed-out";
            return !Access.CanReadWorksheetAs(now.Role, now.Member) ? "no-access" : null;
        }
    }

    private static long? ParseLastEventId(HttpContext http)
    {
        var header = http.Request.Headers["Last-Event-ID"].ToString();
        var value = header.Length > 0 ? header : http.Request.Query["lastEventId"].ToString();
        return long.TryParse(value, out var id) && id >= 0 ? id : null;
    }

    /// <summary>Who an open stream's request is from once its caller has been let go (see ForgetRequestAsync).</summary>
    private static readonly ClaimsPrincipal NoOne = new();

    /// <summary>
    /// One open stream. It writes the frames the hub built once straight into the response, all that is waiting
    /// before one flush, and holds no buffer while it waits: an idle stream is a subscription and this object.
    /// </summary>
    private sealed class SseStream(Guid sheet, long committedSeq, StreamAccess access, string userName, long? lastEventId,
        WorksheetEventHub hub, IServiceScopeFactory scopes, Presence presence) : IResult
    {
        private readonly Guid user = access.User;

        /// <summary>
        /// Inside the request pipeline: the response's headers are set and the stream is handed over to
        /// <see cref="UseLiveStreams"/>, which serves it once the pipeline has returned.
        /// </summary>
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache,no-store";
            http.Response.Headers.Pragma = "no-cache";
            // Compression would hold events back in its buffer.
            http.Response.Headers.ContentEncoding = "identity";
            // Reverse proxies must not buffer a live stream.
            http.Response.Headers["X-Accel-Buffering"] = "no";
            http.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
            // A stream's hours would swamp the request duration metric; streams have their own (AppMetrics).
            if (http.Features.Get<IHttpMetricsTagsFeature>() is { } metrics) metrics.MetricsDisabled = true;
            http.Features.Set(this);
            return Task.CompletedTask;
        }

        public async Task RunAsync(HttpContext http)
        {
            var ct = http.RequestAborted;
            await http.Response.StartAsync();
            await ForgetRequestAsync(http);
            var body = http.Response.BodyWriter;

            // From here on every event after StartSeq reaches this subscription; only a resuming client needs the log.
            var subscription = hub.Subscribe(sheet, user, committedSeq);
            // Access changed since the opening check, before the subscription could hear of it: check again first.
            if (hub.AccessGeneration != access.Generation) subscription.Offer(WorksheetEventHub.Recheck);
            var connection = Guid.NewGuid();
            var joined = false;
            AppMetrics.StreamsOpen.Add(1);
            try
            {
                if (await StartAsync(body, subscription.StartSeq, connection, ct) is not { } sent) return;
                presence.Join(sheet, connection, user, userName);
                joined = true;
                body.Write(presence.Snapshot(sheet).Frame.Span);
                if ((await body.FlushAsync(ct)).IsCompleted) return;
                while (await subscription.Events.WaitToReadAsync(ct))
                {
                    while (subscription.Events.TryRead(out var e))
                    {
                        if (ReferenceEquals(e, WorksheetEventHub.Recheck))
                        {
                            // What was offered before the change still goes out; nothing after it unless access remains.
                            string? reason;
                            try
                            {
                                reason = await access.RevokedAsync(scopes, ct);
                            }
                            catch (Exception) when (!ct.IsCancellationRequested)
                            {
                                // Unsure whether access remains: end the stream; the client reconnects and is checked afresh.
                                AppMetrics.StreamsCutOff.Add(1, new KeyValuePair<string, object?>("reason", "recheck-failed"));
                                return;
                            }
                            if (reason is null) continue;
                            AppMetrics.StreamsCutOff.Add(1, new KeyValuePair<string, object?>("reason", "revoked"));
                            body.Write(Signal("revoked", $"{{\"reason\":\"{reason}\"}}"));
                            await body.FlushAsync(ct);
                            return;
                        }
                        // The log replay and the live feed overlap; each number goes out once, in order.
                        if (!e.IsPassing)
                        {
                            if (e.Seq <= sent) continue;
                            sent = e.Seq;
                        }
                        body.Write(e.Frame.Span);
                        AppMetrics.EventsDelivered.Add(1);
                    }
                    if ((await body.FlushAsync(ct)).IsCompleted) return;
                }
                // Cut off for falling behind: the client reconnects and catches up from the log.
                AppMetrics.StreamsCutOff.Add(1, new KeyValuePair<string, object?>("reason", "slow"));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The client left.
            }
            finally
            {
                AppMetrics.StreamsOpen.Add(-1);
                hub.Unsubscribe(subscription);
                if (joined) presence.Leave(sheet, connection);
            }
        }

        /// <summary>
        /// The request and the caller were read when the stream opened and are not read again: an open stream (hours)
        /// should not keep the request's headers (a kilobyte-long token or cookie among them), the caller's claims or
        /// the request's services alive. The response has started, so nothing of the pipeline needs them any more.
        /// </summary>
        private static async ValueTask ForgetRequestAsync(HttpContext http)
        {
            // (Clear() would keep the values for the connection's next request; each one is let go instead.)
            var headers = http.Request.Headers;
            foreach (var name in headers.Keys.ToList()) headers[name] = default;
            http.User = NoOne;
            // The request's services (the authentication handlers with the caller's ticket among them) are disposed
            // now instead of when the stream ends; the stream itself resolves nothing from them.
            if (http.Features.Get<IServiceProvidersFeature>() is IAsyncDisposable services) await services.DisposeAsync();
        }

        /// <summary>
        /// Writes "ready" and, for a resuming client, what it missed; returns the last number it has then seen, or
        /// null after telling it to reload. A method of its own, so that the replayed events are not kept for the
        /// life of the stream.
        /// </summary>
        private async Task<long?> StartAsync(PipeWriter body, long sent, Guid connection, CancellationToken ct)
        {
            List<WorksheetEvent> missed = [];
            if (lastEventId is { } from && from < sent)
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
                missed = await db.WorksheetEvents.IgnoreQueryFilters().AsNoTracking()
                    .Where(e => e.WorksheetId == sheet && e.Seq > from && e.Seq <= sent).OrderBy(e => e.Seq).ToListAsync(ct);
                // Every number stays in the log until it is pruned: a gap at the start means the client missed events
                // that are gone, and must reload the page instead.
                if (missed.Count == 0 || missed[0].Seq != from + 1)
                {
                    body.Write(Signal("reload", "{}"));
                    await body.FlushAsync(ct);
                    return null;
                }
            }
            // A client that saw more than this node has delivered yet (through another node) gets only what is newer.
            else if (lastEventId is { } ahead) sent = ahead;

            body.Write(Signal("ready", $"{{\"lastEventId\":{sent},\"connectionId\":\"{connection}\"}}"));
            foreach (var e in missed.Where(e => e.IsFor(user)))
                body.Write(new WorksheetEventHub.LiveEvent(e).Frame.Span);
            return sent;
        }

        private static byte[] Signal(string type, string json) => SseFrame.Of(type, null, Encoding.UTF8.GetBytes(json));
    }
}
