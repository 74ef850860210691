using System.Text;

namespace Digipaja.Web.Realtime;

/// <summary>Server-Sent Events framing (HTML Living Standard, "Server-sent events"): one event as its bytes on the wire.</summary>
public static class SseFrame
{
    /// <summary>
    /// "event: type", "id: id" when there is one, a "data: " line per line of the data, then the blank line that ends
    /// the event. The data is kept as it is but for its line breaks, which a data field cannot hold.
    /// </summary>
    public static byte[] Of(string type, string? id, ReadOnlySpan<byte> data)
    {
        var frame = new List<byte>(data.Length + type.Length + (id?.Length ?? 0) + 32);
        Field(frame, "event", Encoding.UTF8.GetBytes(type));
        if (id is not null) Field(frame, "id", Encoding.UTF8.GetBytes(id));
        while (true)
        {
            var end = data.IndexOfAny((byte)'\n', (byte)'\r');
            Field(frame, "data", end < 0 ? data : data[..end]);
            if (end < 0) break;
            // CRLF is one line break, as a reader would count it.
            var next = data[end] == '\r' && end + 1 < data.Length && data[end + 1] == '\n' ? end + 2 : end + 1;
            data = data[next..];
        }
        frame.Add((byte)'\n');
        return [.. frame];
    }

    private static void Field(List<byte> frame, string name, ReadOnlySpan<byte> value)
    {
        foreach (var c in name) frame.Add((byte)c);
        frame.Add((byte)':');
        frame.Add((byte)' ');
        foreach (var b in value) frame.Add(b);
        frame.Add((byte)'\n');
    }
}
