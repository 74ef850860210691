using System.Collections.Concurrent;

namespace Digipaja.Web.Accounts;

public sealed class SignInThrottleOptions
{
    public int MaxFailures { get; set; } = 10;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Slows down password guessing from one address across many accounts; the per-account lockout of
/// Identity covers guessing one account from many addresses. Only failures count, so a busy office
/// behind one address can still sign in.
/// </summary>
public sealed class SignInThrottle(SignInThrottleOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new();

    public bool IsBlocked(string client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!failures.TryGetValue(client, out var queue)) return false;
        lock (queue)
        {
            Expire(queue);
            if (queue.Count < options.MaxFailures) return false;
            retryAfter = queue.Peek() + options.Window - time.GetUtcNow();
            return true;
        }
    }

    public void RecordFailure(string client)
    {
        var queue = failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Expire(queue);
            queue.Enqueue(time.GetUtcNow());
        }
    }

    private void Expire(Queue<DateTimeOffset> queue)
    {
        var oldest = time.GetUtcNow() - options.Window;
        while (queue.Count > 0 && queue.Peek() < oldest) queue.Dequeue();
    }

    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
