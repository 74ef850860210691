using System.Collections.Concurrent;

namespace Digipaja.Web.Realtime;

public sealed class LiveOptions
{
    /// <summary>How many live streams one user may have open at once on one app node (tabs, devices and API clients together).</summary>
    public int MaxStreamsPerUser { get; set; } = 10;
}

/// <summary>
/// Counts each user's open live streams, so that one user cannot hold thousands of them (each costs memory and a
/// connection) at everyone else's expense. A workshop needs a few per person: a tab or two, a phone, an API client.
/// </summary>
public sealed class StreamLimits(LiveOptions options)
{
    private readonly ConcurrentDictionary<Guid, int> open = new();

    public int OpenFor(Guid user) => open.GetValueOrDefault(user);

    /// <summary>A place for one more stream of the user, given back when disposed; null when the user has no room left.</summary>
    public IDisposable? TryOpen(Guid user)
    {
        while (true)
        {
            var count = open.GetValueOrDefault(user);
            if (count >= options.MaxStreamsPerUser) return null;
            if (count == 0 ? open.TryAdd(user, 1) : open.TryUpdate(user, count + 1, count)) return new Lease(this, user);
        }
    }

    private void Close(Guid user)
    {
        while (true)
        {
            var count = open[user];
            // The last stream of a user leaves no entry behind.
            if (count == 1 ? open.TryRemove(new KeyValuePair<Guid, int>(user, 1)) : open.TryUpdate(user, count - 1, count)) return;
        }
    }

    private sealed class Lease(StreamLimits limits, Guid user) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) limits.Close(user);
        }
    }
}
