using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Plans;

/// <summary>
/// Texts at the edges of Unicode: emoji where a label is shortened, and characters the text rules refuse but older
/// notes and the versions published from them may still hold.
/// </summary>
public abstract class UnusualTextTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : UnusualTextTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : UnusualTextTests(app);

    // Emoji whose first halves fall on the 24th and the 29th UTF-16 unit, where the timeline and the roadmap shorten labels.
    private static string EmojiService(string marker) => $"Palvelu {marker} abcdef" + "😀abc😀😀 ja lisää tekstiä";

    private async Task<IReadOnlyList<string>> PlanPages(FilledLine line) =>
    [
        $"/Worksheets/{line.ChatSheetId}",
        $"/Worksheets/{line.ChatSheetId}?handler=Cell&cellKey=development-path",
        "/Plans",
        $"/Plans/Areas/{await PlanSteps.AreaOf(app, line.LineId)}",
        $"/Plans/Lines/{line.LineId}",
        "/Plans/Roadmap",
        $"/Plans/Roadmap?line={line.LineId}&zoom=month",
    ];

    [Fact]
    public async Task A_service_name_with_emoji_where_labels_are_shortened_renders_the_worksheet_and_every_plan_page()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");
        var service = EmojiService(line.Marker);
        Assert.True(char.IsHighSurrogate(service[23]) && char.IsHighSurrogate(service[28]));
        var note = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters()
            .SingleAsync(i => i.WorksheetId == line.ChatSheetId && i.CellKey == "service-name"));
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/notes/{note.Id}", new { text = service, version = note.Version })).StatusCode);

        var browser = await app.SignedIn(DigipajaApp.WestFacilitator);
        foreach (var url in await PlanPages(line))
        {
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
        // No half of a pair was left to be replaced on the way out.
        Assert.DoesNotContain("\uFFFD", await browser.GetStringAsync($"/Worksheets/{line.ChatSheetId}"));
        var roadmap = await browser.GetHtml($"/Plans/Roadmap?line={line.LineId}");
        Assert.Contains(roadmap.QuerySelectorAll("figure svg text"), t => t.TextContent == service[..28] + "…");
    }

    [Fact]
    public async Task Text_stored_before_the_rules_refused_it_still_renders_in_pages_and_in_a_version_published_from_it()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "KAT");
        // As typed before the rules refused noncharacters and direction controls; SQLite also keeps a lone surrogate,
        // which PostgreSQL cannot store.
        var lone = app.Provider == Digipaja.Web.Data.DatabaseProvider.Sqlite ? "\uD83D" : "";
        var phase = $"Pilotti\uFFFF {line.Marker} \u202Eesiaheoy{lone}";
        var service = EmojiService(line.Marker) + "\uFFFE" + lone;
        await app.Query(db => db.WorksheetItems.IgnoreQueryFilters()
            .Where(i => i.WorksheetId == line.ChatSheetId && i.CellKey == "development-path").ExecuteUpdateAsync(u => u.SetProperty(i => i.Text, phase)));
        await app.Query(db => db.WorksheetItems.IgnoreQueryFilters()
            .Where(i => i.WorksheetId == line.ChatSheetId && i.CellKey == "service-name").ExecuteUpdateAsync(u => u.SetProperty(i => i.Text, service)));

        var browser = await app.SignedIn(DigipajaApp.WestFacilitator);
        foreach (var url in await PlanPages(line))
            Assert.True((await browser.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);

        var version = await PlanVersionSteps.Publish(api, $"/api/v1/service-lines/{line.LineId}/plan/versions", $"Versio {line.Marker}");
        var notes = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters()
            .Where(i => i.WorksheetId == line.ChatSheetId && i.CellKey == "development-path").Select(i => i.Id).ToListAsync());
        foreach (var id in notes) Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/notes/{id}")).StatusCode);

        var page = await browser.GetAsync($"/Plans/Versions/{version}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(line.Marker, await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/plan-versions/{version}.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/plan-versions/{version}.xlsx")).StatusCode);
    }

    [Theory]
    [InlineData("Vaihe\uFFFF", "invalid_characters")]
    [InlineData("Vaihe \uFDD0", "invalid_characters")]
    [InlineData("Vaihe \U0001FFFF", "invalid_characters")]
    [InlineData("Vaihe \u202Eesrever", "direction_controls")]
    [InlineData("Vaihe \u2067isolate\u2069", "direction_controls")]
    public async Task The_note_api_refuses_noncharacters_and_direction_controls_with_a_message_in_the_callers_language(string text, string rule)
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var (_, sheet) = await app.NewChatSheet();
        var before = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().CountAsync(i => i.WorksheetId == sheet));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/worksheets/{sheet}/notes") { Content = JsonContent.Create(new { cellKey = "goals", text }) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("text")[0].GetString()!;
        Assert.StartsWith(rule == "invalid_characters" ? "The text contains characters that are not text" : "The text contains invisible characters that change", message);
        Assert.Equal(before, await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().CountAsync(i => i.WorksheetId == sheet)));
    }

    [Fact]
    public async Task A_note_with_emoji_and_their_joiners_is_kept_as_typed()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var (_, sheet) = await app.NewChatSheet();
        var text = "Perhe 👨‍👩‍👧 ja peukku 👍🏽 🏳️‍🌈";

        var created = await PlanSteps.Note(api, sheet, new { cellKey = "goals", text });

        Assert.Equal(text, created.GetProperty("text").GetString());
    }
}
