using System.Net.Http.Headers;
using System.Net.ServerSentEvents;

namespace Digipaja.Web.Tests.Infrastructure;

public sealed record SseEvent(string? Id, string Type, string Data);

/// <summary>
/// Reads a Server-Sent Events stream event by event with the framework's parser, which follows the same standard as a
/// browser's EventSource, so the server's frames are checked by a reader other than the code that writes them.
/// </summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource closing = new();
    private readonly IAsyncEnumerator<SseItem<string>> events;
    /// <summary>A read that outlived the wait of the call that started it; the next call waits on it instead of starting another.</summary>
    private Task<bool>? pending;

    private SseClient(HttpResponseMessage response, Stream stream)
    {
        this.response = response;
        events = SseParser.Create(stream).EnumerateAsync(closing.Token).GetAsyncEnumerator(closing.Token);
    }

    public static async Task<SseClient> OpenAsync(HttpClient client, string url, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString());
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseClient(response, await response.Content.ReadAsStreamAsync());
    }

    public static async Task<HttpResponseMessage> TryOpenAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The next event other than a keep-alive ping; fails the test when none comes in time.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var e = await ReadEventAsync(cts.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (e.Type != "ping") return e;
        }
    }

    /// <summary>The next event of this type, skipping others (presence and the like).</summary>
    public async Task<SseEvent> NextOfTypeAsync(string type, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var e = await ReadEventAsync(cts.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (e.Type == type) return e;
        }
    }

    /// <summary>
    /// The data of the next presence change in <paramref name="state"/> (joined, moved, left) whose person matches,
    /// skipping other events and other people's changes.
    /// </summary>
    public async Task<System.Text.Json.JsonElement> NextPresenceAsync(string state, Func<System.Text.Json.JsonElement, bool>? person = null)
    {
        while (true)
        {
            var change = System.Text.Json.JsonDocument.Parse((await NextOfTypeAsync("presence")).Data).RootElement;
            if (change.GetProperty("state").GetString() == state && (person is null || person(change.GetProperty("person")))) return change;
        }
    }

    /// <summary>True when the server ends the stream within the time.</summary>
    public async Task<bool> EndsAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await ReadEventAsync(cts.Token) is not null) { }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<SseEvent?> ReadEventAsync(CancellationToken ct)
    {
        pending ??= events.MoveNextAsync().AsTask();
        var more = await pending.WaitAsync(ct);
        pending = null;
        return more ? new SseEvent(events.Current.EventId, events.Current.EventType, events.Current.Data) : null;
    }

    public ValueTask DisposeAsync()
    {
        // A read may still be waiting for the stream: ending the stream ends it.
        closing.Cancel();
        response.Dispose();
        closing.Dispose();
        return ValueTask.CompletedTask;
    }
}
