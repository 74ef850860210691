using System.Net.Http.Headers;
using System.Text;

namespace Digipaja.Web.Tests.Infrastructure;

public sealed record SseEvent(string? Id, string Type, string Data);

/// <summary>Reads a Server-Sent Events stream the way a browser's EventSource does, event by event.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        this.response = response;
        this.reader = reader;
    }

    public static async Task<SseClient> OpenAsync(HttpClient client, string url, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString());
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseClient(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
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
        string? id = null, type = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(ct);
            if (line is null) return null;
            if (line.Length == 0)
            {
                if (type is null && data.Length == 0) continue;
                return new SseEvent(id, type ?? "message", data.ToString());
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Append(data.Length > 0 ? "\n" : "").Append(value); break;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
