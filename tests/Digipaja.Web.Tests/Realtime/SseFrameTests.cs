using System.Text;
using Digipaja.Web.Realtime;

namespace Digipaja.Web.Tests.Realtime;

public sealed class SseFrameTests
{
    private static string Frame(string type, string? id, string data) => Encoding.UTF8.GetString(SseFrame.Of(type, id, Encoding.UTF8.GetBytes(data)));

    [Fact]
    public void An_event_with_a_number_carries_its_type_id_and_data_and_ends_with_a_blank_line()
    {
        Assert.Equal("event: item\nid: 42\ndata: {\"text\":\"Hyvä\"}\n\n", Frame("item", "42", "{\"text\":\"Hyvä\"}"));
    }

    [Fact]
    public void A_passing_event_has_no_id()
    {
        Assert.Equal("event: ping\ndata: {}\n\n", Frame("ping", null, "{}"));
    }

    [Fact]
    public void Every_line_of_the_data_gets_a_data_field_whatever_its_line_break()
    {
        Assert.Equal("event: x\ndata: a\ndata: b\ndata: c\ndata: \n\n", Frame("x", null, "a\r\nb\nc\r"));
    }
}
