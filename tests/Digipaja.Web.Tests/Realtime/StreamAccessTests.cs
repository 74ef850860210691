using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Realtime;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Digipaja.Web.Tests.Realtime;

/// <summary>An open live stream follows its user's access: it ends, saying why, within a second of losing it.</summary>
public abstract class StreamAccessTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : StreamAccessTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : StreamAccessTests(app);

    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    private static Task<HttpResponseMessage> AddNote(HttpClient api, Guid sheet, string text) =>
        api.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = "customer-value", text });

    private static string Reason(SseEvent e) => JsonDocument.Parse(e.Data).RootElement.GetProperty("reason").GetString()!;

    /// <summary>
    /// The stream's revoked event, which must come within a second of <paramref name="since"/> (started once the change
    /// was saved), then the end of the stream.
    /// </summary>
    private static async Task<string> RevokedWithinASecond(SseClient stream, Stopwatch since)
    {
        var revoked = await stream.NextOfTypeAsync("revoked", TimeSpan.FromSeconds(10));
        Assert.InRange(since.Elapsed, TimeSpan.Zero, WithinASecond);
        Assert.Null(revoked.Id);
        Assert.True(await stream.EndsAsync(TimeSpan.FromSeconds(5)));
        return Reason(revoked);
    }

    [Fact]
    public async Task A_participant_removed_from_the_series_gets_revoked_on_the_open_stream_and_no_later_note()
    {
        var (series, sheet) = await app.NewChatSheet();
        var email = await app.InvitedParticipant(series);
        await using var stream = await SseClient.OpenAsync(await app.Api(email), $"/api/v1/worksheets/{sheet}/events");
        Assert.Equal("ready", (await stream.NextAsync()).Type);
        var userId = await app.Query(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var member = await app.Query(db => db.SeriesMembers.IgnoreQueryFilters().Where(m => m.SeriesId == series && m.UserId == userId).Select(m => m.Id).SingleAsync());

        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var removed = await facilitator.PostForm($"/Workshops/Series/{series}?handler=RemoveMember", new() { ["memberId"] = member.ToString() },
            pageUrl: $"/Workshops/Series/{series}");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var clock = Stopwatch.StartNew();
        await AddNote(await app.Api(DigipajaApp.WestFacilitator), sheet, "ei enää sinulle");

        Assert.Equal("no-access", await RevokedWithinASecond(stream, clock));
    }

    [Fact]
    public async Task A_deactivated_users_open_stream_ends_with_a_revoked_event()
    {
        var (series, sheet) = await app.NewChatSheet();
        var email = await app.InvitedParticipant(series);
        await using var stream = await SseClient.OpenAsync(await app.Api(email), $"/api/v1/worksheets/{sheet}/events");
        await stream.NextAsync();

        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var user = await app.Query(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostForm($"/Admin/Users/Edit/{user.Id}", new()
        {
            ["Input.DisplayName"] = user.DisplayName, ["Input.Role"] = "Participant", ["Input.Status"] = "inactive", ["Input.Version"] = user.Version.ToString(),
        })).StatusCode);
        var clock = Stopwatch.StartNew();

        Assert.Equal("deactivated", await RevokedWithinASecond(stream, clock));
    }

    [Fact]
    public async Task A_facilitator_made_a_viewer_loses_the_open_stream_of_a_series_they_are_not_a_member_of()
    {
        var (_, sheet) = await app.NewChatSheet();
        var email = await app.CreateUser("lansi-uusimaa", Role.Facilitator);
        await using var stream = await SseClient.OpenAsync(await app.Api(email), $"/api/v1/worksheets/{sheet}/events");
        await stream.NextAsync();

        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var user = await app.Query(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostForm($"/Admin/Users/Edit/{user.Id}", new()
        {
            ["Input.DisplayName"] = user.DisplayName, ["Input.Role"] = "Viewer", ["Input.Status"] = "active", ["Input.Version"] = user.Version.ToString(),
        })).StatusCode);
        var clock = Stopwatch.StartNew();

        Assert.Equal("no-access", await RevokedWithinASecond(stream, clock));
    }

    [Fact]
    public async Task A_member_made_a_viewer_loses_the_series_worksheets_on_the_page_the_api_and_the_open_stream()
    {
        // Viewers read published plans, not worksheets (DOMAIN.md), even of a series they were a member of before.
        var (series, sheet) = await app.NewChatSheet();
        var email = await app.InvitedParticipant(series);
        await using var stream = await SseClient.OpenAsync(await app.Api(email), $"/api/v1/worksheets/{sheet}/events");
        await stream.NextAsync();
        var browser = await app.SignedIn(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Worksheets/{sheet}")).StatusCode);

        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var user = await app.Query(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostForm($"/Admin/Users/Edit/{user.Id}", new()
        {
            ["Input.DisplayName"] = user.DisplayName, ["Input.Role"] = "Viewer", ["Input.Status"] = "active", ["Input.Version"] = user.Version.ToString(),
        })).StatusCode);
        var clock = Stopwatch.StartNew();

        Assert.Equal("no-access", await RevokedWithinASecond(stream, clock));
        var page = await browser.GetAsync($"/Worksheets/{sheet}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Status/403", page.Headers.Location!.OriginalString);
        var token = await (await app.Anonymous().PostAsJsonAsync("/api/v1/tokens", new { email, password = DigipajaApp.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/worksheets/{sheet}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AddNote(api, sheet, "katsojana")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_pages_open_stream()
    {
        var (series, sheet) = await app.NewChatSheet();
        var email = await app.InvitedParticipant(series);
        var browser = app.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));
        Assert.Equal(HttpStatusCode.Redirect,
            (await browser.PostForm("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = DigipajaApp.Password })).StatusCode);
        await using var stream = await SseClient.OpenAsync(browser, $"/Worksheets/{sheet}/events");
        await stream.NextAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostForm("/Account/SignOut", [], pageUrl: "/")).StatusCode);
        var clock = Stopwatch.StartNew();

        Assert.Equal("signed-out", await RevokedWithinASecond(stream, clock));
    }

    [Fact]
    public async Task A_change_that_keeps_access_leaves_the_stream_open()
    {
        var (series, sheet) = await app.NewChatSheet();
        var email = await app.InvitedParticipant(series);
        await using var stream = await SseClient.OpenAsync(await app.Api(email), $"/api/v1/worksheets/{sheet}/events");
        await stream.NextAsync();

        // A change of the user is announced (as any save of the user would), the stream checks its access and goes on.
        var userId = await app.Query(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        app.Services.GetRequiredService<TokenValidity>().Forget([userId]);
        await AddNote(await app.Api(DigipajaApp.WestFacilitator), sheet, "yhä sinulle");

        Assert.Equal("yhä sinulle", JsonDocument.Parse((await stream.NextOfTypeAsync("item")).Data).RootElement
            .GetProperty("item").GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_eleventh_open_stream_of_one_user_is_refused_with_429_until_one_closes()
    {
        var (series, sheet) = await app.NewChatSheet();
        var api = await app.Api(await app.InvitedParticipant(series));
        var url = $"/api/v1/worksheets/{sheet}/events";
        var open = new List<SseClient>();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                open.Add(await SseClient.OpenAsync(api, url));
                await open[^1].NextAsync();
            }

            var refused = await SseClient.TryOpenAsync(api, url);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            // Another user is not affected.
            await using (var other = await SseClient.OpenAsync(await app.Api(DigipajaApp.WestFacilitator), url))
                Assert.Equal("ready", (await other.NextAsync()).Type);

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            HttpResponseMessage again;
            while ((again = await SseClient.TryOpenAsync(api, url)).StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            again.Dispose();
        }
        finally
        {
            foreach (var s in open) await s.DisposeAsync();
        }
    }
}
