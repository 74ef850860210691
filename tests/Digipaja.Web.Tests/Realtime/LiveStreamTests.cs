using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Realtime;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Digipaja.Web.Tests.Realtime;

public abstract class LiveStreamTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : LiveStreamTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : LiveStreamTests(app);

    protected DigipajaApp App => app;

    private static Task<HttpResponseMessage> AddNote(HttpClient api, Guid sheet, string text, string cell = "customer-value") =>
        api.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = cell, text });

    private static JsonElement Data(SseEvent e) => JsonDocument.Parse(e.Data).RootElement;

    [Fact]
    public async Task A_note_added_by_one_participant_reaches_another_participants_stream_with_its_number()
    {
        var (series, sheet) = await app.NewChatSheet();
        var writer = await app.Api(await app.InvitedParticipant(series));
        var reader = await app.Api(await app.InvitedParticipant(series));
        await using var stream = await SseClient.OpenAsync(reader, $"/api/v1/worksheets/{sheet}/events");
        Assert.Equal("ready", (await stream.NextAsync()).Type);

        Assert.Equal(HttpStatusCode.Created, (await AddNote(writer, sheet, "Nopea apu illalla")).StatusCode);

        var e = await stream.NextOfTypeAsync("item");
        Assert.NotNull(e.Id);
        var data = Data(e);
        Assert.Equal("Nopea apu illalla", data.GetProperty("item").GetProperty("text").GetString());
        Assert.Equal("customer-value", data.GetProperty("item").GetProperty("cellKey").GetString());
        Assert.Equal(1, data.GetProperty("item").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_client_reconnecting_with_its_last_event_id_gets_every_missed_event_in_order_then_live_ones()
    {
        var (_, sheet) = await app.NewChatSheet();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        long last;
        await using (var first = await SseClient.OpenAsync(api, $"/api/v1/worksheets/{sheet}/events"))
        {
            await first.NextAsync();
            await AddNote(api, sheet, "ennen katkosta");
            last = long.Parse((await first.NextOfTypeAsync("item")).Id!);
        }

        // Away: three changes happen meanwhile.
        foreach (var text in new[] { "yksi", "kaksi", "kolme" }) await AddNote(api, sheet, text);

        await using var again = await SseClient.OpenAsync(api, $"/api/v1/worksheets/{sheet}/events", lastEventId: last);
        Assert.Equal("ready", (await again.NextAsync()).Type);
        var replayed = new List<(long Id, string Text)>();
        while (replayed.Count < 3)
        {
            var e = await again.NextOfTypeAsync("item");
            replayed.Add((long.Parse(e.Id!), Data(e).GetProperty("item").GetProperty("text").GetString()!));
        }
        Assert.Equal(["yksi", "kaksi", "kolme"], replayed.Select(r => r.Text));
        Assert.True(replayed.Select(r => r.Id).SequenceEqual(replayed.Select(r => r.Id).Order()));
        Assert.True(replayed[0].Id > last);

        await AddNote(api, sheet, "taas livenä");
        Assert.Equal("taas livenä", Data(await again.NextOfTypeAsync("item")).GetProperty("item").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Event_numbers_of_a_worksheet_have_no_gaps_even_with_many_writers_at_once()
    {
        var (_, sheet) = await app.NewChatSheet();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        await using var stream = await SseClient.OpenAsync(api, $"/api/v1/worksheets/{sheet}/events");
        var ready = Data(await stream.NextAsync()).GetProperty("lastEventId").GetInt64();

        var writes = Enumerable.Range(0, 20).Select(i => AddNote(api, sheet, $"rinnakkain {i}")).ToList();
        Assert.All(await Task.WhenAll(writes), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var ids = new List<long>();
        var texts = new HashSet<string>();
        while (texts.Count < 20)
        {
            var e = await stream.NextAsync();
            if (e.Id is null) continue; // presence passes by without a number
            ids.Add(long.Parse(e.Id));
            if (e.Type == "item") texts.Add(Data(e).GetProperty("item").GetProperty("text").GetString()!);
        }
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => ready + 1 + i), ids);
    }

    [Fact]
    public async Task A_client_whose_missed_events_are_no_longer_kept_gets_a_reload_signal()
    {
        var (_, sheet) = await app.NewChatSheet();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        foreach (var text in new[] { "a", "b", "c" }) await AddNote(api, sheet, text);
        // The log keeps only recent events; here the oldest ones are gone.
        await app.Query(db => db.WorksheetEvents.IgnoreQueryFilters().Where(e => e.WorksheetId == sheet && e.Seq <= 2).ExecuteDeleteAsync());

        await using var stream = await SseClient.OpenAsync(api, $"/api/v1/worksheets/{sheet}/events", lastEventId: 0);
        Assert.Equal("reload", (await stream.NextAsync()).Type);
    }

    [Fact]
    public async Task Pruning_removes_old_events_and_a_client_that_needed_them_is_told_to_reload()
    {
        var (_, sheet) = await app.NewChatSheet();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        await AddNote(api, sheet, "vanha");
        await AddNote(api, sheet, "uusi");
        await app.Query(db => db.WorksheetEvents.IgnoreQueryFilters().Where(e => e.WorksheetId == sheet && e.Seq == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.At, DateTime.UtcNow.AddDays(-8))));

        var pruning = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<EventLogPruning>().Single();
        Assert.True(await pruning.PruneAsync(CancellationToken.None) >= 1);

        Assert.False(await app.Query(db => db.WorksheetEvents.IgnoreQueryFilters().AnyAsync(e => e.WorksheetId == sheet && e.Seq == 1)));
        await using var stream = await SseClient.OpenAsync(api, $"/api/v1/worksheets/{sheet}/events", lastEventId: 0);
        Assert.Equal("reload", (await stream.NextAsync()).Type);
        await using var fine = await SseClient.OpenAsync(api, $"/api/v1/worksheets/{sheet}/events", lastEventId: 1);
        Assert.Equal("ready", (await fine.NextAsync()).Type);
    }

    [Fact]
    public async Task A_private_ideation_note_reaches_only_its_author_until_it_is_revealed()
    {
        var (series, sheet) = await app.NewChatSheet();
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var authorEmail = await app.InvitedParticipant(series);
        var author = await app.Api(authorEmail);
        var other = await app.Api(await app.InvitedParticipant(series));
        var page = await app.SignedIn(DigipajaApp.WestFacilitator);
        await page.PostForm($"/Worksheets/{sheet}?handler=StartIdeation", new() { ["sectionKey"] = "customer", ["minutes"] = "5" }, pageUrl: $"/Worksheets/{sheet}");

        await using var authorStream = await SseClient.OpenAsync(author, $"/api/v1/worksheets/{sheet}/events");
        await using var otherStream = await SseClient.OpenAsync(other, $"/api/v1/worksheets/{sheet}/events");
        await authorStream.NextAsync();
        await otherStream.NextAsync();

        await AddNote(author, sheet, "salainen idea", "customer-groups");
        await AddNote(facilitator, sheet, "julkinen", "goals");

        Assert.Equal("salainen idea", Data(await authorStream.NextOfTypeAsync("item")).GetProperty("item").GetProperty("text").GetString());
        // The other participant's next item is the public one: the private note never reached them.
        Assert.Equal("julkinen", Data(await otherStream.NextOfTypeAsync("item")).GetProperty("item").GetProperty("text").GetString());

        await page.PostForm($"/Worksheets/{sheet}?handler=Reveal", new() { ["sectionKey"] = "customer" }, pageUrl: $"/Worksheets/{sheet}");
        var revealed = Data(await otherStream.NextOfTypeAsync("ideation"));
        Assert.Equal("customer", revealed.GetProperty("revealedSectionKey").GetString());
    }

    [Fact]
    public async Task The_facilitators_timer_reaches_everyone_and_participants_cannot_run_it()
    {
        var (series, sheet) = await app.NewChatSheet();
        var participantEmail = await app.InvitedParticipant(series);
        await using var stream = await SseClient.OpenAsync(await app.Api(participantEmail), $"/api/v1/worksheets/{sheet}/events");
        await stream.NextAsync();
        var page = await app.SignedIn(DigipajaApp.WestFacilitator);

        await page.PostForm($"/Worksheets/{sheet}?handler=Timer", new() { ["timerAction"] = "start", ["minutes"] = "5" }, pageUrl: $"/Worksheets/{sheet}");
        var started = Data(await stream.NextOfTypeAsync("timer"));
        var endsAt = started.GetProperty("endsAt").GetDateTime();
        Assert.InRange(endsAt - DateTime.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));

        await page.PostForm($"/Worksheets/{sheet}?handler=Timer", new() { ["timerAction"] = "pause" }, pageUrl: $"/Worksheets/{sheet}");
        Assert.InRange(Data(await stream.NextOfTypeAsync("timer")).GetProperty("pausedSeconds").GetInt32(), 240, 300);
        await page.PostForm($"/Worksheets/{sheet}?handler=Timer", new() { ["timerAction"] = "extend" }, pageUrl: $"/Worksheets/{sheet}");
        Assert.InRange(Data(await stream.NextOfTypeAsync("timer")).GetProperty("pausedSeconds").GetInt32(), 300, 360);
        await page.PostForm($"/Worksheets/{sheet}?handler=Timer", new() { ["timerAction"] = "stop" }, pageUrl: $"/Worksheets/{sheet}");
        var stopped = Data(await stream.NextOfTypeAsync("timer"));
        Assert.Equal(JsonValueKind.Null, stopped.GetProperty("endsAt").ValueKind);

        var participant = await app.SignedIn(participantEmail);
        var refused = await participant.PostForm($"/Worksheets/{sheet}?handler=Timer", new() { ["timerAction"] = "start", ["minutes"] = "5" }, pageUrl: $"/Worksheets/{sheet}");
        Assert.StartsWith("/Status/403", refused.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Presence_tells_who_joined_and_who_left()
    {
        var (series, sheet) = await app.NewChatSheet();
        var watcher = await app.Api(DigipajaApp.WestFacilitator);
        await using var stream = await SseClient.OpenAsync(watcher, $"/api/v1/worksheets/{sheet}/events");
        await stream.NextAsync();

        var guestEmail = await app.InvitedParticipant(series);
        var guest = await SseClient.OpenAsync(await app.Api(guestEmail), $"/api/v1/worksheets/{sheet}/events");
        var joined = await stream.NextPresenceAsync("joined", p => p.GetProperty("name").GetString() == "Testi Käyttäjä");

        await guest.DisposeAsync();
        var left = await stream.NextPresenceAsync("left");
        Assert.Equal(joined.GetProperty("person").GetProperty("connectionId").GetString(), left.GetProperty("person").GetProperty("connectionId").GetString());
    }

    [Fact]
    public async Task A_stream_opens_with_everyone_present_and_joining_takes_no_event_number()
    {
        var (series, sheet) = await app.NewChatSheet();
        await using var watcher = await SseClient.OpenAsync(await app.Api(DigipajaApp.WestFacilitator), $"/api/v1/worksheets/{sheet}/events");
        var before = Data(await watcher.NextAsync()).GetProperty("lastEventId").GetInt64();

        var guestEmail = await app.InvitedParticipant(series);
        await using var guest = await SseClient.OpenAsync(await app.Api(guestEmail), $"/api/v1/worksheets/{sheet}/events");
        var guestReady = Data(await guest.NextAsync());
        var everyone = Data(await guest.NextOfTypeAsync("presence"));
        Assert.Equal("all", everyone.GetProperty("state").GetString());
        Assert.Equal(["Fanni Fasilitaattori", "Testi Käyttäjä"],
            everyone.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());

        Assert.Equal(before, guestReady.GetProperty("lastEventId").GetInt64());
        Assert.Equal(before, await app.Query(db => db.Worksheets.IgnoreQueryFilters().Where(w => w.Id == sheet).Select(w => w.EventSeq).SingleAsync()));
    }

    [Fact]
    public async Task A_participant_tells_the_others_which_section_they_are_in()
    {
        var (series, sheet) = await app.NewChatSheet();
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        await using var watcher = await SseClient.OpenAsync(facilitator, $"/api/v1/worksheets/{sheet}/events");
        await watcher.NextAsync();
        var guestApi = await app.Api(await app.InvitedParticipant(series));
        await using var guest = await SseClient.OpenAsync(guestApi, $"/api/v1/worksheets/{sheet}/events");
        var connection = Data(await guest.NextAsync()).GetProperty("connectionId").GetString();

        var moved = await guestApi.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/presence", new { connectionId = connection, sectionKey = "goals" });
        Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);
        var change = await watcher.NextPresenceAsync("moved");
        Assert.Equal("goals", change.GetProperty("person").GetProperty("sectionKey").GetString());
        Assert.Equal(connection, change.GetProperty("person").GetProperty("connectionId").GetString());

        var unknown = await guestApi.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/presence", new { connectionId = connection, sectionKey = "ei-ole" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Työpohjassa ei ole tällaista osiota.", await unknown.Content.ReadAsStringAsync());
        // Nobody moves another person's connection, nor reaches into another county's worksheet.
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/presence",
            new { connectionId = connection, sectionKey = "goals" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.Api(DigipajaApp.SecondAdmin)).PostAsJsonAsync($"/api/v1/worksheets/{sheet}/presence",
            new { connectionId = connection, sectionKey = "goals" })).StatusCode);
    }

    [Fact]
    public async Task The_stream_is_refused_to_another_county_and_to_the_uninvited()
    {
        var (_, sheet) = await app.NewChatSheet();
        Assert.Equal(HttpStatusCode.NotFound, (await SseClient.TryOpenAsync(await app.Api(DigipajaApp.SecondAdmin), $"/api/v1/worksheets/{sheet}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SseClient.TryOpenAsync(await app.Api(await app.CreateUser("lansi-uusimaa", Role.Participant)), $"/api/v1/worksheets/{sheet}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SseClient.TryOpenAsync(app.Anonymous(), $"/api/v1/worksheets/{sheet}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SseClient.TryOpenAsync(await app.SignedIn(DigipajaApp.SecondAdmin), $"/Worksheets/{sheet}/events")).StatusCode);
    }

    [Fact]
    public async Task A_quiet_stream_gets_the_heartbeats_ping_without_a_number()
    {
        var (_, sheet) = await app.NewChatSheet();
        await using var stream = await SseClient.OpenAsync(await app.Api(DigipajaApp.WestFacilitator), $"/api/v1/worksheets/{sheet}/events");
        Assert.Equal("ready", (await stream.NextAsync()).Type);

        // Quiet since any time up to now: this stream was offered nothing after its presence snapshot.
        app.Services.GetRequiredService<WorksheetEventHub>().PingQuiet(Environment.TickCount64 + 1);

        Assert.Null((await stream.NextOfTypeAsync("ping")).Id);
    }

    [Fact]
    public async Task A_subscriber_that_stops_reading_is_cut_off_while_others_get_every_event()
    {
        var (_, sheet) = await app.NewChatSheet();
        var hub = app.Services.GetRequiredService<WorksheetEventHub>();
        var stalled = hub.Subscribe(sheet, Guid.NewGuid(), committedSeq: 0);
        var reading = hub.Subscribe(sheet, Guid.NewGuid(), committedSeq: 0);
        var received = 0;
        var reader = Task.Run(async () =>
        {
            await foreach (var _ in reading.Events.ReadAllAsync())
                if (++received == WorksheetEventHub.SubscriberBuffer + 100) return;
        });

        using (var scope = app.Services.CreateScope())
        {
            var live = scope.ServiceProvider.GetRequiredService<LiveEvents>();
            var db = scope.ServiceProvider.GetRequiredService<Digipaja.Web.Data.DigipajaDb>();
            var worksheet = await db.Worksheets.IgnoreQueryFilters().SingleAsync(w => w.Id == sheet);
            for (var i = 0; i < WorksheetEventHub.SubscriberBuffer + 100; i++)
                await live.SaveWithEventAsync(worksheet, "test", new { i });
        }

        await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(WorksheetEventHub.SubscriberBuffer + 100, received);
        Assert.True(stalled.Overflowed);
        hub.Unsubscribe(stalled);
        hub.Unsubscribe(reading);
    }
}

/// <summary>Two app nodes on one PostgreSQL database: a change through one reaches a stream on the other.</summary>
public sealed class CrossNodeTests : IAsyncLifetime
{
    private readonly PostgresApp nodeA = new();
    private PostgresApp nodeB = null!;

    public async Task InitializeAsync()
    {
        await nodeA.InitializeAsync();
        nodeB = nodeA.SecondNode();
        await nodeB.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)nodeB).DisposeAsync();
        await ((IAsyncLifetime)nodeA).DisposeAsync();
    }

    /// <summary>A new chat worksheet made through node A, and the facilitator's API client on node A.</summary>
    private async Task<(HttpClient ApiA, string Sheet)> ChatSheetThroughNodeA()
    {
        var line = await nodeA.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Code == "KOH").Select(l => l.Id).SingleAsync());
        var apiA = await nodeA.Api(DigipajaApp.WestFacilitator);
        var series = await (await apiA.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { line }, functionalityKeys = new[] { "chat" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return (apiA, series.GetProperty("worksheets")[0].GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task A_note_written_through_node_a_reaches_a_client_connected_to_node_b()
    {
        var (apiA, sheet) = await ChatSheetThroughNodeA();

        await using var onB = await SseClient.OpenAsync(await nodeB.Api(DigipajaApp.WestFacilitator), $"/api/v1/worksheets/{sheet}/events");
        await onB.NextAsync();
        await apiA.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = "goals", text = "solmulta A" });

        var e = await onB.NextOfTypeAsync("item");
        Assert.Equal("solmulta A", JsonDocument.Parse(e.Data).RootElement.GetProperty("item").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Notes_added_to_one_cell_through_both_nodes_in_turn_keep_the_order_they_were_added_in()
    {
        var (apiA, sheet) = await ChatSheetThroughNodeA();
        var apiB = await nodeB.Api(DigipajaApp.WestFacilitator);
        string[] texts = ["A1", "B1", "A2", "A3", "B2", "B3"];

        // Each node remembers the cell's last position; the other node's notes make that memory stale in turn.
        foreach (var text in texts)
        {
            var added = await (text[0] == 'A' ? apiA : apiB).PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = "goals", text });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var stored = await nodeA.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.WorksheetId == Guid.Parse(sheet))
            .OrderBy(i => i.Position).Select(i => new { i.Text, i.Position }).ToListAsync());
        Assert.Equal(texts, stored.Select(i => i.Text));
        Assert.Equal(texts.Length, stored.Select(i => i.Position).Distinct().Count());
    }

    [Fact]
    public async Task Who_is_present_through_node_a_is_seen_by_a_client_of_node_b()
    {
        var (apiA, sheet) = await ChatSheetThroughNodeA();

        await using var onB = await SseClient.OpenAsync(await nodeB.Api(DigipajaApp.WestAdmin), $"/api/v1/worksheets/{sheet}/events");
        await onB.NextAsync();
        await using var onA = await SseClient.OpenAsync(apiA, $"/api/v1/worksheets/{sheet}/events");
        var connection = JsonDocument.Parse((await onA.NextAsync()).Data).RootElement.GetProperty("connectionId").GetString();

        var joined = await onB.NextPresenceAsync("joined", p => p.GetProperty("connectionId").GetString() == connection);
        Assert.Equal("Fanni Fasilitaattori", joined.GetProperty("person").GetProperty("name").GetString());

        // A section change asked of node B, for a stream held by node A, reaches both.
        var apiB = await nodeB.Api(DigipajaApp.WestFacilitator);
        Assert.Equal(HttpStatusCode.NoContent, (await apiB.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/presence",
            new { connectionId = connection, sectionKey = "goals" })).StatusCode);
        var moved = await onA.NextPresenceAsync("moved");
        Assert.Equal("goals", moved.GetProperty("person").GetProperty("sectionKey").GetString());
    }

    [Fact]
    public async Task A_stream_on_node_b_ends_within_a_second_when_node_a_removes_its_user_from_the_series()
    {
        var (_, sheet) = await ChatSheetThroughNodeA();
        var series = await nodeA.Query(db => db.Worksheets.IgnoreQueryFilters().Where(w => w.Id == Guid.Parse(sheet)).Select(w => w.SeriesId).SingleAsync());
        var email = await nodeA.InvitedParticipant(series);
        await using var onB = await SseClient.OpenAsync(await nodeB.Api(email), $"/api/v1/worksheets/{sheet}/events");
        await onB.NextAsync();
        var userId = await nodeA.Query(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var member = await nodeA.Query(db => db.SeriesMembers.IgnoreQueryFilters().Where(m => m.SeriesId == series && m.UserId == userId)
            .Select(m => m.Id).SingleAsync());

        var facilitator = await nodeA.SignedIn(DigipajaApp.WestFacilitator);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostForm($"/Workshops/Series/{series}?handler=RemoveMember",
            new() { ["memberId"] = member.ToString() }, pageUrl: $"/Workshops/Series/{series}")).StatusCode);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var revoked = await onB.NextOfTypeAsync("revoked", TimeSpan.FromSeconds(10));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal("no-access", JsonDocument.Parse(revoked.Data).RootElement.GetProperty("reason").GetString());
        Assert.True(await onB.EndsAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_users_token_is_refused_by_node_b_once_node_a_deactivated_the_user()
    {
        var email = await nodeA.CreateUser("lansi-uusimaa", Role.Participant);
        var onB = await nodeB.Api(email);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/organisation")).StatusCode);

        var admin = await nodeA.SignedIn(DigipajaApp.WestAdmin);
        var user = await nodeA.Query(db => db.Users.SingleAsync(u => u.Email == email));
        var save = await admin.PostForm($"/Admin/Users/Edit/{user.Id}", new()
        {
            ["Input.DisplayName"] = user.DisplayName, ["Input.Role"] = "Participant", ["Input.Status"] = "inactive",
            ["Input.Version"] = user.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);

        // Node B hears of the change through PostgreSQL a moment after the commit (it would otherwise keep its
        // answer for an hour in tests); the wait is bounded, not a sleep.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        do
        {
            status = (await onB.GetAsync("/api/v1/organisation")).StatusCode;
            if (status == HttpStatusCode.Unauthorized) break;
            await Task.Delay(20);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
