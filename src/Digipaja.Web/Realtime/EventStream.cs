using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Features.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Realtime;

/// <summary>
/// A worksheet's live stream as Server-Sent Events. Every event carries its number as the SSE id; a client that
/// reconnects with Last-Event-ID first gets every event it missed, in order, then the live ones. When the missed
/// events are no longer kept, it gets a "reload" event instead of a silent gap.
/// </summary>
public static class EventStream
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    public static void Map(IEndpointRouteBuilder api, IEndpointRouteBuilder pages)
    {
        api.MapGet("/worksheets/{id:guid}/events", Open)
            .WithSummary("The worksheet's live stream of changes (Server-Sent Events; resume with Last-Event-ID)")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // The page's own stream authenticates with the sign-in cookie, like the page itself.
        pages.MapGet("/Worksheets/{id:guid}/events", Open).RequireAuthorization().ExcludeFromDescription();
    }

    private static async Task<IResult> Open(Guid id, HttpContext http, Caller caller,
        WorksheetEventHub hub, IServiceScopeFactory scopes, Presence presence, CancellationToken ct)
    {
        // Authorization is decided once, when the stream opens; the stream then carries only this worksheet's events.
        // The check runs in a scope of its own: the request's scope lives as long as the stream (hours), and should not
        // keep a database context, the loaded worksheet and its template for all that time.
        Worksheet sheet;
        using (var scope = scopes.CreateScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<WorksheetEditor>();
            if (await editor.LoadAsync(id, ct) is not { } context) return TypedResults.NotFound();
            if (context.Permission == SeriesPermission.None) return TypedResults.Forbid();
            sheet = new Worksheet { Id = context.Sheet.Id, CountyId = context.Sheet.CountyId, SeriesId = context.Sheet.SeriesId,
                TemplateId = context.Sheet.TemplateId, Title = context.Sheet.Title };
        }
        var lastEventId = ParseLastEventId(http);
        var user = caller.UserId!.Value;
        return new SseStream(Events(sheet, user, caller.UserName ?? "", lastEventId, hub, scopes, presence, ct));
    }

    /// <summary>
    /// What TypedResults.ServerSentEvents does, except that each event's data is written as the UTF-8 bytes the hub
    /// encoded once for all of the worksheet's streams.
    /// </summary>
    private sealed class SseStream(IAsyncEnumerable<SseItem<ReadOnlyMemory<byte>>> items) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache,no-store";
            http.Response.Headers.Pragma = "no-cache";
            // Compression would hold events back in its buffer.
            http.Response.Headers.ContentEncoding = "identity";
            // Reverse proxies must not buffer a live stream.
            http.Response.Headers["X-Accel-Buffering"] = "no";
            http.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
            await SseFormatter.WriteAsync(items, http.Response.Body, static (item, writer) => writer.Write(item.Data.Span), http.RequestAborted);
        }
    }

    private static long? ParseLastEventId(HttpContext http)
    {
        var header = http.Request.Headers["Last-Event-ID"].ToString();
        var value = header.Length > 0 ? header : http.Request.Query["lastEventId"].ToString();
        return long.TryParse(value, out var id) && id >= 0 ? id : null;
    }

    private static async IAsyncEnumerable<SseItem<ReadOnlyMemory<byte>>> Events(Worksheet sheet, Guid user, string userName, long? lastEventId,
        WorksheetEventHub hub, IServiceScopeFactory scopes, Presence presence, [EnumeratorCancellation] CancellationToken ct)
    {
        var subscription = await hub.SubscribeAsync(sheet.Id, user, ct);
        var connection = Guid.NewGuid();
        try
        {
            long sent;
            List<WorksheetEvent> missed;
            bool tooOld;
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
                var events = db.WorksheetEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.WorksheetId == sheet.Id);
                var newest = await events.MaxAsync(e => (long?)e.Seq, ct) ?? 0;
                var oldestKept = await events.MinAsync(e => (long?)e.Seq, ct) ?? newest + 1;
                // Events before the oldest one kept were pruned: a client that missed them must reload the page.
                tooOld = lastEventId is { } last && last < newest && last + 1 < oldestKept;
                missed = lastEventId is { } from && !tooOld
                    ? await events.Where(e => e.Seq > from && e.Seq <= newest).OrderBy(e => e.Seq).ToListAsync(ct)
                    : [];
                sent = lastEventId is { } l && !tooOld ? l : newest;
            }
            if (tooOld)
            {
                yield return Signal("{}", "reload");
                yield break;
            }
            yield return Signal($"{{\"lastEventId\":{sent}}}", "ready");
            foreach (var e in missed.Where(e => e.IsFor(user)))
                yield return Item(new WorksheetEventHub.LiveEvent(e));
            if (missed.Count > 0) sent = missed[^1].Seq;

            await presence.JoinAsync(sheet, connection, user, userName, ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Heartbeat);
                bool more;
                try
                {
                    more = await subscription.Events.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Nothing happened for a while: a comment-like ping keeps proxies from closing the connection
                    // and tells the server early when the client is gone.
                    more = true;
                }
                if (!more) yield break; // cut off for falling behind: the client reconnects and catches up
                var delivered = false;
                while (subscription.Events.TryRead(out var e))
                {
                    // The log replay above and the live feed overlap; each number goes out once, in order.
                    if (e.Seq <= sent) continue;
                    sent = e.Seq;
                    delivered = true;
                    yield return Item(e);
                }
                if (!delivered && !ct.IsCancellationRequested) yield return Ping;
            }
        }
        finally
        {
            hub.Unsubscribe(subscription);
            await presence.LeaveAsync(sheet, connection);
        }
    }

    private static readonly SseItem<ReadOnlyMemory<byte>> Ping = Signal("{}", "ping");

    private static SseItem<ReadOnlyMemory<byte>> Signal(string json, string type) => new(Encoding.UTF8.GetBytes(json), type);

    private static SseItem<ReadOnlyMemory<byte>> Item(WorksheetEventHub.LiveEvent e) => new(e.Data, e.Type) { EventId = e.Id };
}
