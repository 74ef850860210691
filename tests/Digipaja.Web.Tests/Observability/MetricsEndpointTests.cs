using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Digipaja.Web.Features.Plans;
using Digipaja.Web.Tests.Infrastructure;
using Digipaja.Web.Tests.Plans;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Digipaja.Web.Tests.Observability;

/// <summary>An app of its own with a metrics token, and a printer that prints at once.</summary>
public sealed class MetricsApp : SqliteApp
{
    public const string Token = "metrics-token-for-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:Token", Token);
        var printer = new HeldPrinter();
        printer.Release();
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IPdfPrinter>(printer)));
    }
}

public sealed class MetricsEndpointTests(MetricsApp app) : IClassFixture<MetricsApp>
{
    private HttpClient Scraper(string? token)
    {
        var client = app.Anonymous();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task The_metrics_are_refused_with_401_without_the_token_or_with_a_wrong_one()
    {
        var missing = await Scraper(null).GetAsync("/metrics");
        var wrong = await Scraper("not-the-token").GetAsync("/metrics");
        var cookie = await (await app.SignedIn(DigipajaApp.WestAdmin)).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, cookie.StatusCode);
        Assert.DoesNotContain("digipaja_", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_metrics_with_the_token_show_requests_live_streams_and_the_print_queue()
    {
        var (_, sheet) = await app.NewChatSheet();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        await using (var stream = await SseClient.OpenAsync(api, $"/api/v1/worksheets/{sheet}/events"))
        {
            await stream.NextOfTypeAsync("ready", TimeSpan.FromSeconds(10));
            var added = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = "customer-value", text = "Mitattava muistiinpano" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            await stream.NextOfTypeAsync("item", TimeSpan.FromSeconds(10));
        }
        var pdf = await (await app.SignedIn(DigipajaApp.WestFacilitator)).GetAsync("/Plans/Export/county.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);

        var response = await Scraper(MetricsApp.Token).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("digipaja_live_streams_open", text);
        Assert.Contains("digipaja_live_events_delivered", text);
        Assert.Contains("digipaja_print_queue_wait", text);
        Assert.Contains("digipaja_print_queue_printing", text);
        Assert.Contains("http_server_request_duration", text);
    }
}

/// <summary>The shared app has no metrics token: the path is not served at all.</summary>
[Collection(SqliteCollection.Name)]
public sealed class MetricsOffTests(SqliteApp app)
{
    [Fact]
    public async Task Without_a_configured_token_there_are_no_metrics_to_scrape()
    {
        var anonymous = await app.Anonymous().GetAsync("/metrics");
        var signedIn = await (await app.SignedIn(DigipajaApp.WestAdmin)).GetAsync("/metrics");

        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
        Assert.DoesNotContain("digipaja_", await signedIn.Content.ReadAsStringAsync());
    }
}
