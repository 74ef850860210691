using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Tests.Infrastructure;
using Digipaja.Web.Tests.Workshops;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Digipaja.Web.Tests;

/// <summary>An app deployed behind its public https address, with the hosts it answers to configured.</summary>
public sealed class PublicAddressApp : SqliteApp
{
    public const string Address = "https://digipaja.example.fi";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("App:PublicUrl", Address + "/");
        builder.UseSetting("AllowedHosts", "digipaja.example.fi;localhost");
    }

    // Its cookies are always Secure, so a browser sends them only over https.
    protected override Uri BaseAddress => new(Address);
}

public sealed class PublicAddressTests(PublicAddressApp app) : IClassFixture<PublicAddressApp>
{
    private HttpClient WithHost(string host)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Host = host;
        return client;
    }

    [Fact]
    public async Task A_redirect_to_sign_in_leads_to_the_public_address_whatever_host_the_request_names()
    {
        var response = await WithHost("localhost").GetAsync("/Plans");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(PublicAddressApp.Address + "/Account/SignIn?ReturnUrl=%2FPlans", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_host_that_is_not_allowed_is_refused()
    {
        var response = await WithHost("attacker.example").GetAsync("/Account/SignIn");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_invitations_welcome_links_to_the_series_at_the_public_address()
    {
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var seriesId = await app.CreateSeries(facilitator, WorkshopSteps.Unique("Osoitesarja"), "NAO");
        var workshop = await app.Workshop(seriesId, 1);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostForm($"/Workshops/Workshop/{workshop.Id}", new()
        {
            ["Input.Title"] = workshop.Title, ["Input.Topic"] = workshop.Topic, ["Input.Goal"] = workshop.Goal,
            ["Input.Date"] = "2026-03-10", ["Input.Time"] = "09:00", ["Input.Duration"] = "180", ["Input.Version"] = workshop.Version.ToString(),
        })).StatusCode);

        var page = await facilitator.GetHtml($"/Workshops/Invitation/{workshop.Id}");

        Assert.Contains($"{PublicAddressApp.Address}/Workshops/Series/{seriesId}", page.QuerySelector("textarea#welcome-text")!.TextContent);
    }

    [Fact]
    public async Task With_an_https_public_address_cookies_are_secure_even_when_the_proxy_speaks_plain_http()
    {
        var plain = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await plain.GetAsync("/Account/SignIn");
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }
}

public abstract class HttpsTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : HttpsTests(app);

    private HttpClient Https() => app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://digipaja.test"), AllowAutoRedirect = false });

    [Fact]
    public async Task Over_https_the_anti_forgery_and_language_cookies_are_secure_and_browsers_are_told_to_keep_to_https()
    {
        var client = Https();
        var page = await client.GetAsync("/Account/SignIn");
        Assert.Contains("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        var language = await client.PostForm("/Language", new() { ["language"] = "sv", ["returnUrl"] = "/Account/SignIn" }, pageUrl: "/Account/SignIn");
        var cookie = language.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_plain_http_in_development_style_hosting_cookies_work_without_the_secure_flag()
    {
        var page = await app.Anonymous().GetAsync("/Account/SignIn");
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(page.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }
}
