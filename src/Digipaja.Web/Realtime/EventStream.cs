using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
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

    private static async Task<IResult> Open(Guid id, HttpContext http, WorksheetEditor editor, Caller caller,
        WorksheetEventHub hub, IServiceScopeFactory scopes, Presence presence, DigipajaDb db, CancellationToken ct)
    {
        // Authorization is decided once, when the stream opens; the stream then carries only this worksheet's events.
        if (await editor.LoadAsync(id, ct) is not { } context) return TypedResults.NotFound();
        if (context.Permission == SeriesPermission.None) return TypedResults.Forbid();
        // The request's scope lives as long as the stream: keep only what the stream needs, not the loaded worksheet
        // with its template (tens of kilobytes per open stream) in the request's change tracker.
        var sheet = new Worksheet { Id = context.Sheet.Id, CountyId = context.Sheet.CountyId, SeriesId = context.Sheet.SeriesId,
            TemplateId = context.Sheet.TemplateId, Title = context.Sheet.Title };
        db.ChangeTracker.Clear();
        var lastEventId = ParseLastEventId(http);
        var user = caller.UserId!.Value;
        http.Response.Headers.CacheControl = "no-store";
        // Reverse proxies must not buffer a live stream.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(Events(sheet, user, caller.UserName ?? "", lastEventId, hub, scopes, presence, ct));
    }

    private static long? ParseLastEventId(HttpContext http)
    {
        var header = http.Request.Headers["Last-Event-ID"].ToString();
        var value = header.Length > 0 ? header : http.Request.Query["lastEventId"].ToString();
        return long.TryParse(value, out var id) && id >= 0 ? id : null;
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(Worksheet sheet, Guid user, string userName, long? lastEventId,
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
                yield return new SseItem<string>("{}", "reload");
                yield break;
            }
            yield return new SseItem<string>($"{{\"lastEventId\":{sent}}}", "ready");
            foreach (var e in missed.Where(e => e.IsFor(user)))
                yield return Item(e);
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
                if (!delivered && !ct.IsCancellationRequested) yield return new SseItem<string>("{}", "ping");
            }
        }
        finally
        {
            hub.Unsubscribe(subscription);
            await presence.LeaveAsync(sheet, connection);
        }
    }

    private static SseItem<string> Item(WorksheetEvent e) => new(e.Payload, e.Type) { EventId = e.Seq.ToString() };
}
