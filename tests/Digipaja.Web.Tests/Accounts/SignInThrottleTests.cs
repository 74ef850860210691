using System.Net;
using System.Net.Http.Json;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Accounts;

/// <summary>An app of its own with a low limit, so that its failures cannot disturb other tests.</summary>
public sealed class ThrottledSqliteApp : SqliteApp
{
    protected override int MaxSignInFailures => 3;
}

public sealed class SignInThrottleTests(ThrottledSqliteApp app) : IClassFixture<ThrottledSqliteApp>
{
    [Fact]
    public async Task Repeated_failures_from_one_address_are_rate_limited_with_429()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            var failed = await client.PostAsJsonAsync("/api/v1/tokens", new { email = $"guess{i}@nowhere.test", password = "Guess-123456" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/api/v1/tokens", new { email = DigipajaApp.WestViewer, password = DigipajaApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);

        var page = await client.PostForm("/Account/SignIn", new() { ["Input.Email"] = DigipajaApp.WestViewer, ["Input.Password"] = DigipajaApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }
}
