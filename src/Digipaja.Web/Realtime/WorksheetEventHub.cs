using System.Collections.Concurrent;
using System.Threading.Channels;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Realtime;

/// <summary>
/// Fans a worksheet's committed events out to the live streams open on this app node. An event committed on this node
/// is handed over directly when it is the next number of its worksheet; otherwise (another node's event, or one that
/// overtook an earlier number) a notification makes one read of the new events for all of the worksheet's subscribers.
/// A subscriber that cannot keep up is cut off (its stream ends) instead of slowing the others, and its client
/// reconnects and catches up from the log.
/// </summary>
public sealed class WorksheetEventHub(IServiceScopeFactory scopes, ILogger<WorksheetEventHub> log)
{
    public const int SubscriberBuffer = 512;

    /// <summary>This app node, as it signs its notifications to the others.</summary>
    public Guid Node { get; } = Guid.NewGuid();

    private readonly ConcurrentDictionary<Guid, Feed> feeds = new();

    /// <summary>
    /// An event as the streams send it: its whole Server-Sent Events frame (type, number as id, UTF-8 payload), built
    /// once and shared by every subscriber instead of being formatted again for each open stream. A passing event (such
    /// as presence) has no number: it is not in the log, so it is neither replayed nor counted by Last-Event-ID.
    /// </summary>
    public sealed class LiveEvent
    {
        public LiveEvent(WorksheetEvent e) : this(e.Type, System.Text.Encoding.UTF8.GetBytes(e.Payload), e.Seq)
        {
            audience = e.AudienceUserId;
        }

        public LiveEvent(string type, ReadOnlySpan<byte> data, long seq = 0)
        {
            Seq = seq;
            Type = type;
            Frame = SseFrame.Of(type, seq == 0 ? null : seq.ToString(System.Globalization.CultureInfo.InvariantCulture), data);
        }

        /// <summary>The event's number in the worksheet's log; 0 for a passing event.</summary>
        public long Seq { get; }
        public string Type { get; }
        /// <summary>The event as it goes on the wire, blank line included.</summary>
        public ReadOnlyMemory<byte> Frame { get; }
        public bool IsPassing => Seq == 0;
        private readonly Guid? audience;

        public bool IsFor(Guid userId) => audience is null || audience == userId;
    }

    /// <summary>A keep-alive every stream gets now and then, so that proxies keep it open and a gone client is noticed.</summary>
    public static readonly LiveEvent Ping = new("ping", "{}"u8);

    /// <summary>
    /// Offers a ping to every stream that was offered nothing since <paramref name="quietSince"/> (a timestamp of
    /// <see cref="Environment.TickCount64"/>); a busy stream needs none.
    /// </summary>
    public void PingQuiet(long quietSince)
    {
        foreach (var feed in feeds.Values)
            lock (feed.Gate)
                foreach (var s in feed.Subscribers)
                    if (s.LastOffered <= quietSince) s.Offer(Ping);
    }

    /// <summary>
    /// Not an event for the client: tells a stream that its user's access may have changed and must be checked
    /// again before anything more is sent. Goes into the stream's own queue, so the events offered before the
    /// change still go out, and none offered after it before the check.
    /// </summary>
    public static readonly LiveEvent Recheck = new("recheck", "{}"u8);

    // Raised by every access change; a stream compares it before and after it subscribes, so that a change announced
    // between its opening check and its subscription is not missed.
    private long accessGeneration;

    public long AccessGeneration => Interlocked.Read(ref accessGeneration);

    /// <summary>
    /// The access of these users (null: of anyone) may have changed: each of their open streams on this node checks
    /// its access again. Access changes are rare next to events, so looking through every stream is fine here.
    /// </summary>
    public void RecheckAccess(IReadOnlyCollection<Guid>? users)
    {
        Interlocked.Increment(ref accessGeneration);
        foreach (var feed in feeds.Values)
            lock (feed.Gate)
                foreach (var s in feed.Subscribers)
                    if (users is null || users.Contains(s.UserId)) s.Offer(Recheck);
    }

    public sealed class Subscription(Guid worksheetId, Guid userId)
    {
        private readonly Channel<LiveEvent> channel = System.Threading.Channels.Channel.CreateBounded<LiveEvent>(
            new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

        public Guid WorksheetId { get; } = worksheetId;
        public Guid UserId { get; } = userId;
        /// <summary>The number of the last event delivered before this subscription: it receives every later one.</summary>
        public long StartSeq { get; internal set; }
        public ChannelReader<LiveEvent> Events => channel.Reader;
        /// <summary>True when the subscriber fell so far behind that it was cut off.</summary>
        public bool Overflowed { get; private set; }

        /// <summary>When the subscription was last offered an event or opened (<see cref="Environment.TickCount64"/>).</summary>
        public long LastOffered { get; private set; } = Environment.TickCount64;

        internal void Offer(LiveEvent e)
        {
            if (!e.IsFor(UserId) || Overflowed) return;
            LastOffered = Environment.TickCount64;
            if (channel.Writer.TryWrite(e)) return;
            Overflowed = true;
            channel.Writer.TryComplete();
        }

        internal void Close() => channel.Writer.TryComplete();
    }

    private sealed class Feed(long lastSeq)
    {
        /// <summary>Held while subscribers change and while events are handed to them, so that a new subscriber's
        /// StartSeq and the events it is offered never overlap or leave a gap.</summary>
        public readonly object Gate = new();
        public readonly List<Subscription> Subscribers = [];
        public readonly SemaphoreSlim Reading = new(1, 1);
        public long LastSeq = lastSeq;
        public int Pending;
        public bool Removed;
    }

    public int SubscriberCount => feeds.Values.Sum(f => { lock (f.Gate) return f.Subscribers.Count; });

    /// <summary>
    /// Subscribes to the worksheet's events after the last one this node delivered. <paramref name="committedSeq"/>
    /// is the worksheet's newest event number as the caller read it from the database; a worksheet nobody on this
    /// node follows yet starts from there and reads the log once for anything committed since.
    /// </summary>
    public Subscription Subscribe(Guid worksheetId, Guid userId, long committedSeq)
    {
        var subscription = new Subscription(worksheetId, userId);
        while (true)
        {
            var created = false;
            if (!feeds.TryGetValue(worksheetId, out var feed))
            {
                var fresh = new Feed(committedSeq);
                feed = feeds.GetOrAdd(worksheetId, fresh);
                created = ReferenceEquals(feed, fresh);
            }
            lock (feed.Gate)
            {
                if (feed.Removed) continue; // its last subscriber just left: take the feed that replaces it
                feed.Subscribers.Add(subscription);
                subscription.StartSeq = feed.LastSeq;
            }
            if (created) Notify(worksheetId);
            return subscription;
        }
    }

    public void Unsubscribe(Subscription subscription)
    {
        if (!feeds.TryGetValue(subscription.WorksheetId, out var feed)) return;
        lock (feed.Gate)
        {
            feed.Subscribers.Remove(subscription);
            if (feed.Subscribers.Count == 0)
            {
                feed.Removed = true;
                feeds.TryRemove(new KeyValuePair<Guid, Feed>(subscription.WorksheetId, feed));
            }
        }
        subscription.Close();
    }

    /// <summary>A passing event (not in the log) for everyone who follows the worksheet on this node now.</summary>
    public void Broadcast(Guid worksheetId, LiveEvent e)
    {
        if (!feeds.TryGetValue(worksheetId, out var feed)) return;
        lock (feed.Gate)
            foreach (var s in feed.Subscribers) s.Offer(e);
    }

    /// <summary>
    /// An event committed on this node: delivered at once when it is the worksheet's next number, so the common case
    /// needs no read of the log; anything else falls back to reading the log, which keeps the numbers in order.
    /// </summary>
    public void Publish(WorksheetEvent e)
    {
        if (!feeds.TryGetValue(e.WorksheetId, out var feed)) return;
        if (Interlocked.Read(ref feed.LastSeq) >= e.Seq) return; // already delivered from the log
        if (feed.Reading.Wait(0))
        {
            var delivered = false;
            try
            {
                lock (feed.Gate)
                {
                    if (feed.LastSeq == e.Seq - 1)
                    {
                        var live = new LiveEvent(e);
                        foreach (var s in feed.Subscribers) s.Offer(live);
                        feed.LastSeq = e.Seq;
                    }
                    delivered = feed.LastSeq >= e.Seq;
                }
            }
            finally
            {
                feed.Reading.Release();
            }
            if (delivered) return;
        }
        Notify(e.WorksheetId);
    }

    /// <summary>
    /// Another node (or this one, through PostgreSQL) committed event number <paramref name="seq"/> of the worksheet;
    /// nothing to do when this node has already delivered it.
    /// </summary>
    public void Notify(Guid worksheetId, long seq)
    {
        if (feeds.TryGetValue(worksheetId, out var feed) && Interlocked.Read(ref feed.LastSeq) >= seq) return;
        Notify(worksheetId);
    }

    /// <summary>New events of the worksheet were committed (here or on another node): read and deliver them.</summary>
    public void Notify(Guid worksheetId)
    {
        if (!feeds.TryGetValue(worksheetId, out var feed)) return;
        // Many notifications while a read is under way collapse into one more read.
        if (Interlocked.Increment(ref feed.Pending) > 1) return;
        _ = Task.Run(() => DeliverAsync(worksheetId, feed));
    }

    /// <summary>After the cross-node connection was lost, every open feed catches up from the log.</summary>
    public void NotifyAll()
    {
        foreach (var id in feeds.Keys) Notify(id);
    }

    private async Task DeliverAsync(Guid worksheetId, Feed feed)
    {
        await feed.Reading.WaitAsync();
        try
        {
            do
            {
                Interlocked.Exchange(ref feed.Pending, 1);
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
                var after = Interlocked.Read(ref feed.LastSeq);
                var events = await db.WorksheetEvents.IgnoreQueryFilters().AsNoTracking()
                    .Where(e => e.WorksheetId == worksheetId && e.Seq > after).OrderBy(e => e.Seq).Take(1000).ToListAsync();
                if (events.Count == 0) continue;
                var lives = events.Select(e => new LiveEvent(e)).ToList();
                lock (feed.Gate)
                {
                    foreach (var live in lives)
                        foreach (var s in feed.Subscribers) s.Offer(live);
                    feed.LastSeq = events[^1].Seq;
                }
                if (events.Count == 1000) Interlocked.Increment(ref feed.Pending);
            } while (Interlocked.Decrement(ref feed.Pending) > 0);
        }
        catch (Exception e)
        {
            Interlocked.Exchange(ref feed.Pending, 0);
            log.LogError(e, "Delivering events of worksheet {Worksheet} failed", worksheetId);
        }
        finally
        {
            feed.Reading.Release();
        }
    }
}
