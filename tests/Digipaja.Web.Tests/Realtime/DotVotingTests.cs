using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Realtime;

public abstract class DotVotingTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : DotVotingTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : DotVotingTests(app);

    private async Task<(Guid Series, Guid Sheet, Guid GoalNote, Guid OtherNote)> Setup()
    {
        var line = await app.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Code == "ERIT").Select(l => l.Id).SingleAsync());
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var series = await (await api.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { line }, functionalityKeys = new[] { "chat" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var sheet = Guid.Parse(series.GetProperty("worksheets")[0].GetProperty("id").GetString()!);
        async Task<Guid> Note(string cell, string text) => Guid.Parse((await (await api.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = cell, text }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        return (Guid.Parse(series.GetProperty("id").GetString()!), sheet, await Note("goals", "Nopea vastaus"), await Note("customer-groups", "Nuoret"));
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, Guid sheet, string handler, Dictionary<string, string> fields) =>
        client.PostForm($"/Worksheets/{sheet}?handler={handler}", fields, pageUrl: $"/Worksheets/{sheet}");

    [Fact]
    public async Task Participants_spend_their_votes_unseen_and_the_result_is_ranked_when_the_vote_closes()
    {
        var (series, sheet, goal, other) = await Setup();
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        await using var stream = await SseClient.OpenAsync(await app.Api(DigipajaApp.WestFacilitator), $"/api/v1/worksheets/{sheet}/events");
        await stream.NextAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await Post(facilitator, sheet, "OpenVote", new() { ["sectionKey"] = "goals", ["votes"] = "2" })).StatusCode);
        Assert.True(JsonDocument.Parse((await stream.NextOfTypeAsync("vote")).Data).RootElement.GetProperty("open").GetBoolean());

        var voter = await app.SignedIn(await app.InvitedParticipant(series));
        Assert.Equal(HttpStatusCode.Redirect, (await Post(voter, sheet, "Vote", new() { ["itemId"] = goal.ToString(), ["add"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(voter, sheet, "Vote", new() { ["itemId"] = goal.ToString(), ["add"] = "true" })).StatusCode);
        var live = JsonDocument.Parse((await stream.NextOfTypeAsync("vote")).Data).RootElement;
        live = JsonDocument.Parse((await stream.NextOfTypeAsync("vote")).Data).RootElement;
        // While the vote is open the counts are not sent, so early dots do not steer the rest of the room.
        Assert.Empty(live.GetProperty("counts").EnumerateObject());
        var during = await facilitator.GetHtml($"/Worksheets/{sheet}");
        Assert.Empty(during.QuerySelectorAll(".vote-result"));
        Assert.DoesNotContain("2 ääntä", during.QuerySelector("#c-goals .notes")?.TextContent);
        Assert.Contains("2", (await voter.GetHtml($"/Worksheets/{sheet}")).QuerySelector($"#n-{goal} [data-f='mydots']")?.TextContent);
        // Nor can the dots be counted from the history while the vote is open.
        Assert.DoesNotContain("antoi äänen", (await facilitator.GetHtml($"/Worksheets/{sheet}/History")).Body?.TextContent);

        var third = await Post(voter, sheet, "Vote", new() { ["itemId"] = goal.ToString(), ["add"] = "true" });
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Contains("kaikki äänesi", (await third.Html()).QuerySelector(".error-summary")?.TextContent);
        var otherSection = await Post(voter, sheet, "Vote", new() { ["itemId"] = other.ToString(), ["add"] = "false" });
        Assert.Contains("toista osiota", (await otherSection.Html()).QuerySelector(".error-summary")?.TextContent);
        Assert.Equal(2, await app.Query(db => db.Votes.IgnoreQueryFilters().CountAsync(v => v.ItemId == goal)));

        Assert.Equal(HttpStatusCode.Redirect, (await Post(voter, sheet, "Vote", new() { ["itemId"] = goal.ToString(), ["add"] = "false" })).StatusCode);
        Assert.Equal(1, await app.Query(db => db.Votes.IgnoreQueryFilters().CountAsync(v => v.ItemId == goal)));

        // Closed, the result stays with the worksheet.
        Assert.Equal(HttpStatusCode.Redirect, (await Post(facilitator, sheet, "CloseVote", new() { ["sectionKey"] = "goals" })).StatusCode);
        Assert.Contains("antoi äänen", (await facilitator.GetHtml($"/Worksheets/{sheet}/History")).Body?.TextContent);
        var page = await facilitator.GetHtml($"/Worksheets/{sheet}");
        var ranked = page.QuerySelectorAll("#s-goals .vote-result li");
        Assert.Single(ranked);
        Assert.Contains("1 ääntä", ranked[0].TextContent);
        Assert.Null(page.QuerySelector($"#n-{goal} .vote-buttons"));
        Assert.DoesNotContain("ääntä", page.QuerySelector($"#n-{goal}")?.TextContent);
    }

    [Fact]
    public async Task Votes_cast_at_the_same_moment_never_exceed_the_budget()
    {
        var (series, sheet, goal, _) = await Setup();
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(facilitator, sheet, "OpenVote", new() { ["sectionKey"] = "goals", ["votes"] = "3" })).StatusCode);
        var voters = new List<HttpClient>();
        for (var i = 0; i < 3; i++) voters.Add(await app.SignedIn(await app.InvitedParticipant(series)));

        // Every voter's 12 dots go at once, each request with its own form token, as from twelve open tabs.
        var forms = new List<(HttpClient Client, FormUrlEncodedContent Form)>();
        foreach (var voter in voters)
        {
            var html = await voter.GetStringAsync($"/Worksheets/{sheet}");
            var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            for (var i = 0; i < 12; i++)
                forms.Add((voter, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["itemId"] = goal.ToString(), ["add"] = "true",
                })));
        }
        var answers = await Task.WhenAll(forms.Select(f => f.Client.PostAsync($"/Worksheets/{sheet}?handler=Vote", f.Form)));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"answered {(int)a.StatusCode}"));
        Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect));
        var perVoter = await app.Query(db => db.Votes.IgnoreQueryFilters().Where(v => v.ItemId == goal).GroupBy(v => v.UserId).Select(g => g.Count()).ToListAsync());
        Assert.Equal([3, 3, 3], perVoter);
    }

    [Fact]
    public async Task Only_the_facilitator_opens_a_vote_or_brings_everyone_to_a_section()
    {
        var (series, sheet, _, _) = await Setup();
        var participant = await app.SignedIn(await app.InvitedParticipant(series));
        Assert.StartsWith("/Status/403", (await Post(participant, sheet, "OpenVote", new() { ["sectionKey"] = "goals", ["votes"] = "3" })).Headers.Location?.PathAndQuery);
        Assert.StartsWith("/Status/403", (await Post(participant, sheet, "Follow", new() { ["sectionKey"] = "goals" })).Headers.Location?.PathAndQuery);
        Assert.False(await app.Query(db => db.VoteSessions.IgnoreQueryFilters().AnyAsync(v => v.WorksheetId == sheet)));

        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var tooMany = await Post(facilitator, sheet, "OpenVote", new() { ["sectionKey"] = "goals", ["votes"] = "99" });
        Assert.Equal(HttpStatusCode.OK, tooMany.StatusCode);
        Assert.False(await app.Query(db => db.VoteSessions.IgnoreQueryFilters().AnyAsync(v => v.WorksheetId == sheet)));
    }

    [Fact]
    public async Task Follow_me_sends_everyone_the_section_to_go_to()
    {
        var (_, sheet, _, _) = await Setup();
        await using var stream = await SseClient.OpenAsync(await app.Api(DigipajaApp.WestFacilitator), $"/api/v1/worksheets/{sheet}/events");
        await stream.NextAsync();
        await Post(await app.SignedIn(DigipajaApp.WestFacilitator), sheet, "Follow", new() { ["sectionKey"] = "operations" });
        Assert.Equal("operations", JsonDocument.Parse((await stream.NextOfTypeAsync("follow")).Data).RootElement.GetProperty("sectionKey").GetString());
    }
}
