using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Accounts;

public abstract class SignInTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : SignInTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : SignInTests(app);

    [Theory]
    [InlineData(DigipajaApp.WestAdmin, "Länsi-Uudenmaan hyvinvointialue")]
    [InlineData(DigipajaApp.WestFacilitator, "Länsi-Uudenmaan hyvinvointialue")]
    [InlineData(DigipajaApp.WestParticipant, "Länsi-Uudenmaan hyvinvointialue")]
    [InlineData(DigipajaApp.WestViewer, "Länsi-Uudenmaan hyvinvointialue")]
    [InlineData(DigipajaApp.SecondAdmin, "Toinen hyvinvointialue (demo)")]
    public async Task Each_demo_user_signs_in_and_sees_their_own_county(string email, string county)
    {
        var client = await app.SignedIn(email);
        var home = await client.GetHtml("/");
        Assert.Equal(county, home.QuerySelector("h1")?.TextContent);
        var other = county.StartsWith("Toinen") ? "Länsi-Uudenmaan" : "Toinen hyvinvointialue";
        Assert.DoesNotContain(other, home.Body!.TextContent);
    }

    [Fact]
    public async Task Pages_send_an_anonymous_visitor_to_sign_in()
    {
        var response = await app.Anonymous().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Wrong_password_shows_a_finnish_error_and_signs_nobody_in()
    {
        var client = app.Anonymous();
        var response = await client.PostForm("/Account/SignIn", new() { ["Input.Email"] = DigipajaApp.WestViewer, ["Input.Password"] = "Wrong-password-1" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Html();
        Assert.Contains("Sähköpostiosoite tai salasana on väärin", page.QuerySelector(".error-summary")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Viewer);
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
            await client.PostForm("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = "Wrong-password-1" });

        var response = await client.PostForm("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = DigipajaApp.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("lukittu", (await response.Html()).QuerySelector(".error-summary")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_locked_account_gets_the_same_answer_as_an_unknown_address_on_the_page_and_in_the_api()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Viewer);
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
            await client.PostForm("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = "Wrong-password-1" });

        async Task<string?> PageAnswer(string address) => (await (await client.PostForm("/Account/SignIn",
            new() { ["Input.Email"] = address, ["Input.Password"] = DigipajaApp.Password })).Html()).QuerySelector(".error-summary")?.TextContent;
        async Task<(HttpStatusCode, string?)> ApiAnswer(string address)
        {
            var response = await client.PostAsJsonAsync("/api/v1/tokens", new { email = address, password = DigipajaApp.Password });
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }

        var unknown = $"nobody-{Guid.NewGuid():N}@lansi-uusimaa.test";
        Assert.Equal(await PageAnswer(unknown), await PageAnswer(email));
        Assert.Equal(await ApiAnswer(unknown), await ApiAnswer(email));
    }

    [Fact]
    public async Task A_wrong_password_takes_about_as_long_for_an_unknown_address_as_for_an_account()
    {
        var email = await app.CreateUser("lansi-uusimaa", Role.Viewer);
        var client = app.Anonymous();
        async Task<double> Median(string address)
        {
            var times = new List<double>();
            for (var i = 0; i < 4; i++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var response = await client.PostAsJsonAsync("/api/v1/tokens", new { email = address, password = "Wrong-password-1" });
                times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
            return times.Order().ElementAt(times.Count / 2);
        }
        await Median($"warm-up-{Guid.NewGuid():N}@nowhere.test");

        var known = await Median(email);
        var unknown = await Median($"nobody-{Guid.NewGuid():N}@nowhere.test");

        // A password hash takes tens of milliseconds; without one an unknown address answered in about one.
        Assert.True(unknown > known / 3, $"unknown address {unknown:0.0} ms, account {known:0.0} ms");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = await app.SignedIn(DigipajaApp.WestViewer);
        var response = await client.PostForm("/Account/SignOut", [], pageUrl: "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Only_a_local_return_address_is_followed_after_sign_in()
    {
        var client = app.Anonymous();
        var response = await client.PostForm("/Account/SignIn?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            new() { ["Input.Email"] = DigipajaApp.WestViewer, ["Input.Password"] = DigipajaApp.Password, ["ReturnUrl"] = "https://evil.example/" },
            pageUrl: "/Account/SignIn");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(DigipajaApp.WestFacilitator)]
    [InlineData(DigipajaApp.WestParticipant)]
    [InlineData(DigipajaApp.WestViewer)]
    public async Task Only_administrators_reach_the_administration(string email)
    {
        var client = await app.SignedIn(email);
        var response = await client.GetAsync("/Admin/ServiceLines");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Status/403", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused()
    {
        var client = await app.SignedIn(DigipajaApp.WestAdmin);
        var response = await client.PostAsync("/Admin/ServiceAreas",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Code"] = "CSRF", ["Input.Name"] = "Forged" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
