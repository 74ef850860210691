using System.Net;
using System.Net.Http.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Digipaja.Web.Tests.Accounts;

/// <summary>
/// An app of its own with low limits, so that its failures cannot disturb other tests. Every request reaches it from
/// <see cref="Proxy"/>, a configured reverse proxy, unless the test names another peer in X-Test-Peer.
/// </summary>
public sealed class ThrottledSqliteApp : SqliteApp
{
    public const string Proxy = "10.0.0.1";
    protected override int MaxSignInFailures => 3;
    protected override int MaxSignInFailuresPerAddress => 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("App:KnownProxies", Proxy);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, PeerAddress>());
    }

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var peer = context.Request.Headers["X-Test-Peer"].ToString();
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.Length > 0 ? peer : Proxy);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class SignInThrottleTests(ThrottledSqliteApp app) : IClassFixture<ThrottledSqliteApp>
{
    private HttpClient From(string forwardedFor, string? peer = null)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (peer is not null) client.DefaultRequestHeaders.Add("X-Test-Peer", peer);
        return client;
    }

    private static Task<HttpResponseMessage> Token(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/tokens", new { email, password });

    [Fact]
    public async Task Failures_across_many_accounts_from_one_address_are_rate_limited_with_429()
    {
        var client = From("203.0.113.10");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(client, $"guess{i}@nowhere.test", "Guess-123456")).StatusCode);

        var limited = await Token(client, "another-guess@nowhere.test", "Guess-123456");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        var page = await client.PostForm("/Account/SignIn", new() { ["Input.Email"] = "more@nowhere.test", ["Input.Password"] = "Guess-123456" });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }

    [Fact]
    public async Task Failures_for_one_account_hold_back_that_account_only_and_not_the_others_at_the_same_address()
    {
        var guessed = await app.CreateUser("lansi-uusimaa", Role.Viewer);
        var colleague = await app.CreateUser("lansi-uusimaa", Role.Viewer);
        var client = From("203.0.113.11");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(client, guessed, "Wrong-password-1")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Token(client, guessed, DigipajaApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Token(client, colleague, DigipajaApp.Password)).StatusCode);
    }

    [Fact]
    public async Task A_browser_where_the_account_signed_in_before_keeps_signing_in_while_others_exhaust_its_address()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Viewer);
        var known = From("203.0.113.12");
        Assert.Equal(HttpStatusCode.Redirect, (await known.PostForm("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = DigipajaApp.Password })).StatusCode);

        var others = From("203.0.113.12");
        for (var i = 0; i < 5; i++) await Token(others, $"guess{i}@elsewhere.test", "Guess-123456");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Token(others, email, DigipajaApp.Password)).StatusCode);

        var again = await known.PostForm("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = DigipajaApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_its_own_budget()
    {
        var first = From("203.0.113.13");
        for (var i = 0; i < 5; i++) await Token(first, $"guess{i}@nowhere.test", "Guess-123456");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Token(first, "x@nowhere.test", "Guess-123456")).StatusCode);

        var second = From("203.0.113.14");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(second, "x@nowhere.test", "Guess-123456")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Token(second, DigipajaApp.WestViewer, DigipajaApp.Password)).StatusCode);
    }

    [Fact]
    public async Task A_forwarded_address_from_a_peer_that_is_not_a_configured_proxy_is_not_believed()
    {
        for (var i = 0; i < 5; i++)
            await Token(From($"198.51.100.{i + 1}", peer: "192.0.2.50"), $"guess{i}@nowhere.test", "Guess-123456");

        var limited = await Token(From("198.51.100.99", peer: "192.0.2.50"), "x@nowhere.test", "Guess-123456");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }
}
