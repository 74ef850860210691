using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Api;

/// <summary>Each endpoint reads at most its own body limit; a larger body is refused before it is read.</summary>
[Collection(SqliteCollection.Name)]
public sealed class BodyLimitTests(SqliteApp app)
{
    private const int MB = 1024 * 1024;

    /// <summary>
    /// A JSON note body of the given size, made as it is sent and counting what the server took of it, so a test can
    /// tell that a refused body was not read (nor buffered) whole.
    /// </summary>
    private sealed class CountedBody(long size, bool announceLength) : HttpContent
    {
        private static readonly byte[] Head = """{"cellKey":"customer-value","text":" """u8.ToArray();
        private long sent;

        public CountedBody Json()
        {
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return this;
        }

        public long Sent => Interlocked.Read(ref sent);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Head);
            Interlocked.Add(ref sent, Head.Length);
            var chunk = Encoding.ASCII.GetBytes(new string('a', 16 * 1024));
            while (Sent < size)
            {
                var length = (int)Math.Min(chunk.Length, size - Sent);
                await stream.WriteAsync(chunk.AsMemory(0, length));
                Interlocked.Add(ref sent, length);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = size;
            return announceLength;
        }
    }

    private async Task<(HttpResponseMessage Response, TimeSpan Took)> Send(HttpContent body, string url, HttpMethod? method = null)
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var clock = Stopwatch.StartNew();
        var response = await api.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Post, url) { Content = body });
        return (response, clock.Elapsed);
    }

    [Fact]
    public async Task A_25_MB_note_is_refused_with_413_at_once_without_its_body_being_read()
    {
        var (_, sheet) = await app.NewChatSheet();
        var body = new CountedBody(25 * MB, announceLength: true).Json();

        var (response, took) = await Send(body, $"/api/v1/worksheets/{sheet}/notes");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Pyyntö on liian suuri tähän osoitteeseen.", problem.GetProperty("title").GetString());
        Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.InRange(body.Sent, 0, MB);
    }

    [Fact]
    public async Task A_note_sent_without_a_length_is_cut_off_at_its_limit_with_413()
    {
        var (_, sheet) = await app.NewChatSheet();
        var body = new CountedBody(25 * MB, announceLength: false).Json();

        var (response, took) = await Send(body, $"/api/v1/worksheets/{sheet}/notes");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.InRange(body.Sent, 0, MB);
    }

    [Fact]
    public async Task A_note_change_of_100_KB_is_refused_while_the_same_body_to_an_endpoint_with_the_default_limit_is_read()
    {
        var refused = await Send(new CountedBody(100 * 1024, announceLength: true).Json(), $"/api/v1/notes/{Guid.NewGuid()}", HttpMethod.Put);
        var read = await Send(new CountedBody(100 * 1024, announceLength: true).Json(), "/api/v1/workshop-series");
        var tooLarge = await Send(new CountedBody(2 * MB, announceLength: true).Json(), "/api/v1/workshop-series");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Response.StatusCode);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, read.Response.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Response.StatusCode);
    }

    [Fact]
    public async Task A_note_of_the_longest_allowed_text_in_emoji_still_fits_the_limit()
    {
        var (_, sheet) = await app.NewChatSheet();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var text = string.Concat(Enumerable.Repeat("🙂", 1000));

        var response = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = "customer-value", text });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_page_form_larger_than_the_limit_gets_the_page_that_says_so()
    {
        var browser = await app.SignedIn(DigipajaApp.WestFacilitator);
        var (_, sheet) = await app.NewChatSheet();

        var response = await browser.PostAsync($"/Worksheets/{sheet}?handler=Add",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = new string('a', 200 * 1024) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Liikaa kerralla", await response.Content.ReadAsStringAsync());
    }
}
