using System.Collections.Concurrent;

namespace Digipaja.Web.Accounts;

public sealed class SignInThrottleOptions
{
    /// <summary>Failed sign-ins to one account from one address (or one trusted browser) per window.</summary>
    public int MaxFailures { get; set; } = 10;

    /// <summary>Failed sign-ins to any accounts from one address per window: many people may share an address.</summary>
    public int MaxFailuresPerAddress { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Slows down password guessing. Failures are counted per address and account, so that one person's mistakes, or
/// someone guessing one account, never hold back the others who share an office's or a proxy's address; and per
/// address across all accounts, with a far higher limit, against guessing many accounts from one place. A browser
/// where the account has signed in before (<see cref="SignInDevice"/>) is counted by itself and not by its address,
/// so the right password from it is not refused because others failed from the same address. Identity's lockout of an
/// account after five wrong passwords covers guessing one account from many addresses.
/// </summary>
public sealed class SignInThrottle(SignInThrottleOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new();
    private int recorded;

    /// <summary>Whether this attempt must wait; <paramref name="device"/> is the caller's trusted browser for this account, if any.</summary>
    public bool IsBlocked(string client, string account, string? device, out TimeSpan retryAfter)
    {
        if (Exceeded(AccountKey(client, account, device), options.MaxFailures, out retryAfter)) return true;
        return device is null && Exceeded(client, options.MaxFailuresPerAddress, out retryAfter);
    }

    public void RecordFailure(string client, string account, string? device)
    {
        Add(AccountKey(client, account, device));
        if (device is null) Add(client);
        if (Interlocked.Increment(ref recorded) % 1000 == 0) Sweep();
    }

    private static string AccountKey(string client, string account, string? device) =>
        device is null ? $"{client}|{Normalize(account)}" : $"device:{device}|{Normalize(account)}";

    private static string Normalize(string account) => account.Trim().ToUpperInvariant();

    private bool Exceeded(string key, int max, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!failures.TryGetValue(key, out var queue)) return false;
        lock (queue)
        {
            Expire(queue);
            if (queue.Count < max) return false;
            retryAfter = queue.Peek() + options.Window - time.GetUtcNow();
            return true;
        }
    }

    private void Add(string key)
    {
        var queue = failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Expire(queue);
            queue.Enqueue(time.GetUtcNow());
        }
    }

    /// <summary>Forgets the keys whose failures have all expired, so guessing many names does not grow memory for ever.</summary>
    private void Sweep()
    {
        foreach (var (key, queue) in failures)
        {
            lock (queue)
            {
                Expire(queue);
                if (queue.Count == 0) failures.TryRemove(new KeyValuePair<string, Queue<DateTimeOffset>>(key, queue));
            }
        }
    }

    private void Expire(Queue<DateTimeOffset> queue)
    {
        var oldest = time.GetUtcNow() - options.Window;
        while (queue.Count > 0 && queue.Peek() < oldest) queue.Dequeue();
    }

    /// <summary>The client's address: the connection's, or the one a configured proxy forwarded (see ForwardedHeaders in WebSetup).</summary>
    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
