using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Worksheets;

public abstract class WorksheetApiTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : WorksheetApiTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : WorksheetApiTests(app);

    private async Task<Guid> LineId(string code) =>
        await app.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Code == code && db.Counties.Any(c => c.Id == l.CountyId && c.Slug == "lansi-uusimaa"))
            .Select(l => l.Id).SingleAsync());

    private async Task<JsonElement> CreateSeries(HttpClient api, string line = "NAO", params string[] functionalities)
    {
        var response = await api.PostAsJsonAsync("/api/v1/workshop-series",
            new { serviceLineIds = new[] { await LineId(line) }, functionalityKeys = functionalities.Length > 0 ? functionalities : new[] { "chat" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string ChatSheet(JsonElement series) =>
        series.GetProperty("worksheets").EnumerateArray().First(w => w.GetProperty("functionalityKey").GetString() == "chat").GetProperty("id").GetString()!;

    [Fact]
    public async Task A_facilitator_creates_a_series_with_four_workshops_and_a_worksheet_per_functionality_plus_the_change_worksheet()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var series = await CreateSeries(api, "KAT", "chat", "messages", "forms");

        var workshops = series.GetProperty("workshops").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], workshops.Select(w => w.GetProperty("number").GetInt32()));
        Assert.Equal(180, workshops[0].GetProperty("durationMinutes").GetInt32());
        Assert.Equal(180, workshops[0].GetProperty("agenda").EnumerateArray().Sum(a => a.GetProperty("minutes").GetInt32()));
        Assert.All(workshops, w => Assert.False(string.IsNullOrEmpty(w.GetProperty("goal").GetString())));
        var sheets = series.GetProperty("worksheets").EnumerateArray().ToList();
        Assert.Equal(4, sheets.Count);
        Assert.Equal(3, sheets.Count(s => s.GetProperty("templateKey").GetString() == "functionality"));
        Assert.Single(sheets, s => s.GetProperty("templateKey").GetString() == "change");
    }

    [Fact]
    public async Task The_worksheet_carries_its_template_sections_cells_and_five_service_rows()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheet = await api.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{ChatSheet(await CreateSeries(api))}");

        var sections = sheet.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("key").GetString()).ToList();
        Assert.Equal(["basics", "customer", "current", "goals", "operations", "path"], sections);
        var cells = sheet.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("cells").EnumerateArray())
            .ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("kind").GetString());
        Assert.Equal("row-notes", cells["service-name"]);
        Assert.Equal("tasks", cells["tasks"]);
        Assert.Equal("metrics", cells["metrics"]);
        Assert.Equal("path", cells["development-path"]);
        Assert.Equal(5, sheet.GetProperty("rows").GetArrayLength());
        Assert.Equal("functionality", sheet.GetProperty("template").GetProperty("key").GetString());
        Assert.False(string.IsNullOrEmpty(sheet.GetProperty("sections")[0].GetProperty("guidance").GetString()));
    }

    [Fact]
    public async Task A_note_is_added_updated_deleted_and_restored_with_every_step_in_the_history()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheetId = ChatSheet(await CreateSeries(api));

        var created = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes", new { cellKey = "use-cases-before", text = "Neuvonta ennen asiakkuutta" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var note = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = note.GetProperty("id").GetString();
        Assert.Equal(1, note.GetProperty("version").GetInt32());

        var updated = await api.PutAsJsonAsync($"/api/v1/notes/{id}", new { text = "Neuvonta chatissa", version = 1 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/notes/{id}")).StatusCode);
        var afterDelete = await api.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{sheetId}");
        Assert.DoesNotContain(afterDelete.GetProperty("notes").EnumerateArray(), n => n.GetProperty("id").GetString() == id);

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/notes/{id}/restore", null)).StatusCode);
        var restored = await api.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{sheetId}");
        Assert.Equal("Neuvonta chatissa", restored.GetProperty("notes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == id).GetProperty("text").GetString());

        var history = await api.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{sheetId}/history");
        var forNote = history.EnumerateArray().Where(e => e.GetProperty("entityId").GetString() == id).ToList();
        Assert.Equal(4, forNote.Count);
        Assert.Contains(forNote, e => e.GetProperty("before").GetString()?.Contains("Neuvonta ennen asiakkuutta") == true
                                      && e.GetProperty("after").GetString()?.Contains("Neuvonta chatissa") == true);
        Assert.All(forNote, e => Assert.Equal("Fanni Fasilitaattori", e.GetProperty("user").GetString()));
    }

    [Fact]
    public async Task A_new_notes_history_entry_records_every_field_of_the_stored_note()
    {
        // On PostgreSQL a new note is written by one hand-made statement, elsewhere through the change tracker: the
        // history must not tell them apart.
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheetId = Guid.Parse(ChatSheet(await CreateSeries(api)));
        var created = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes",
            new { cellKey = "use-cases-before", text = "Ajanvaraus chatissa", tag = "nopea", colour = "blue" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);

        var (item, entry) = await app.Query(async db => (
            await db.WorksheetItems.IgnoreQueryFilters().SingleAsync(i => i.Id == id),
            await db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.EntityId == id)));
        Assert.Equal(("added", "WorksheetItem", sheetId, item.CountyId, item.AuthorId), (entry.Action, entry.EntityType, entry.ScopeId, entry.CountyId, entry.UserId));
        Assert.Equal("Fanni Fasilitaattori", entry.UserName);
        Assert.Null(entry.Before);
        var after = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(entry.After!)!;
        var mapped = await app.Query(db => Task.FromResult(db.Model.FindEntityType(typeof(Digipaja.Core.Worksheets.WorksheetItem))!
            .GetProperties().Select(p => p.Name).Order().ToList()));
        Assert.Equal(mapped, after.Keys.Order().ToList());
        Assert.Equal(("Ajanvaraus chatissa", "nopea", "Blue", "Note", 0, 1, false), (after["Text"].GetString(), after["Tag"].GetString(),
            after["Colour"].GetString(), after["Kind"].GetString(), after["Position"].GetInt32(), after["Version"].GetInt32(), after["IsPrivate"].GetBoolean()));
        Assert.Equal((item.Id, item.WorksheetId, item.CountyId), (after["Id"].GetGuid(), after["WorksheetId"].GetGuid(), after["CountyId"].GetGuid()));
        Assert.Equal(JsonValueKind.Null, after["RowId"].ValueKind);
    }

    [Fact]
    public async Task An_update_based_on_a_stale_version_is_refused_with_409_and_the_newer_text()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheetId = ChatSheet(await CreateSeries(api));
        var note = await (await api.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes", new { cellKey = "goals", text = "Alkuperäinen" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = note.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/notes/{id}", new { text = "Ensimmäinen", version = 1 })).StatusCode);
        var stale = await api.PutAsJsonAsync($"/api/v1/notes/{id}", new { text = "Toinen", version = 1 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var body = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(409, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.Equal("Ensimmäinen", body.GetProperty("current").GetProperty("text").GetString());
        Assert.Equal(2, body.GetProperty("current").GetProperty("version").GetInt32());
        var sheet = await api.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{sheetId}");
        Assert.Equal("Ensimmäinen", sheet.GetProperty("notes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == id).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("use-cases-before", "", "text")]
    [InlineData("use-cases-before", "bad\u0001text", "text")]
    [InlineData("no-such-cell", "Hyvä", "cellKey")]
    [InlineData("service-name", "Päivystysapu", "rowId")]
    public async Task Bad_input_is_refused_with_the_field_at_fault_and_stores_nothing(string cellKey, string text, string field)
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheetId = ChatSheet(await CreateSeries(api));
        var before = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().CountAsync());

        var response = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes", new { cellKey, text });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Text_over_2000_characters_is_refused_and_exactly_2000_is_kept()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheetId = ChatSheet(await CreateSeries(api));
        var tooLong = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes", new { cellKey = "goals", text = new string('x', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var exact = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes", new { cellKey = "goals", text = new string('x', 2000) });
        Assert.Equal(HttpStatusCode.Created, exact.StatusCode);
    }

    [Fact]
    public async Task A_row_of_another_worksheet_is_refused()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var first = await api.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{ChatSheet(await CreateSeries(api))}");
        var otherRow = first.GetProperty("rows")[0].GetProperty("id").GetString();
        var secondSheet = ChatSheet(await CreateSeries(api));

        var response = await api.PostAsJsonAsync($"/api/v1/worksheets/{secondSheet}/notes", new { cellKey = "service-name", rowId = otherRow, text = "Väärä rivi" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Another_countys_user_gets_404_for_every_worksheet_endpoint()
    {
        var west = await app.Api(DigipajaApp.WestFacilitator);
        var series = await CreateSeries(west);
        var sheetId = ChatSheet(series);
        var note = await (await west.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes", new { cellKey = "goals", text = "Salainen" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var noteId = note.GetProperty("id").GetString();

        var other = await app.Api(DigipajaApp.SecondAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/worksheets/{sheetId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/worksheets/{sheetId}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/workshop-series/{series.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes", new { cellKey = "goals", text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/notes/{noteId}", new { text = "x", version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/notes/{noteId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/notes/{noteId}/restore", null)).StatusCode);
        var list = await other.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets?serviceLineId={await LineId("NAO")}");
        Assert.Equal(0, list.GetArrayLength());
        Assert.Equal("Salainen", await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Id == Guid.Parse(noteId!)).Select(i => i.Text).SingleAsync()));
    }

    [Fact]
    public async Task A_series_cannot_be_made_from_another_countys_service_line()
    {
        var other = await app.Api(DigipajaApp.SecondAdmin);
        var response = await other.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { await LineId("NAO") }, functionalityKeys = new[] { "chat" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Participants_write_only_in_series_they_were_invited_to_and_viewers_in_none()
    {
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var sheetId = ChatSheet(await CreateSeries(facilitator));

        var outsider = await app.Api(await app.CreateUser("lansi-uusimaa", Role.Participant));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/v1/worksheets/{sheetId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes", new { cellKey = "goals", text = "x" })).StatusCode);
        var viewer = await app.Api(DigipajaApp.WestViewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/v1/worksheets/{sheetId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { await LineId("NAO") }, functionalityKeys = new[] { "chat" } })).StatusCode);
    }

    [Fact]
    public async Task Html_in_a_note_comes_back_as_the_same_text()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheetId = ChatSheet(await CreateSeries(api));
        const string text = "<img src=x onerror=alert(1)> & \"lainaus\"";
        var note = await (await api.PostAsJsonAsync($"/api/v1/worksheets/{sheetId}/notes", new { cellKey = "goals", text }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(text, note.GetProperty("text").GetString());
    }

    private static Task<HttpResponseMessage> AddNote(HttpClient api, Guid sheet, string cellKey, string text) =>
        api.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey, text });

    [Fact]
    public async Task A_participant_taken_off_the_series_can_no_longer_add_notes_even_right_after_adding_one()
    {
        var (series, sheet) = await app.NewChatSheet();
        var email = await app.InvitedParticipant(series);
        var api = await app.Api(email);
        Assert.Equal(HttpStatusCode.Created, (await AddNote(api, sheet, "goals", "ennen poistoa")).StatusCode);

        await app.Query(db => db.SeriesMembers.IgnoreQueryFilters().Where(m => m.SeriesId == series && db.Users.Any(u => u.Id == m.UserId && u.Email == email))
            .ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await AddNote(api, sheet, "goals", "poiston jälkeen")).StatusCode);
        Assert.Equal(["ennen poistoa"], await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.WorksheetId == sheet).Select(i => i.Text).ToListAsync()));
    }

    [Fact]
    public async Task A_note_added_once_the_facilitator_started_an_ideation_in_its_section_is_private_though_its_author_wrote_there_before()
    {
        var (series, sheet) = await app.NewChatSheet();
        var email = await app.InvitedParticipant(series);
        var api = await app.Api(email);
        Assert.Equal(HttpStatusCode.Created, (await AddNote(api, sheet, "customer-groups", "ennen ideointia")).StatusCode);

        var page = await app.SignedIn(DigipajaApp.WestFacilitator);
        await page.PostForm($"/Worksheets/{sheet}?handler=StartIdeation", new() { ["sectionKey"] = "customer", ["minutes"] = "5" }, pageUrl: $"/Worksheets/{sheet}");
        var added = await AddNote(api, sheet, "customer-groups", "ideoinnin aikana");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.True((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isPrivate").GetBoolean());
        Assert.Equal([("ennen ideointia", false), ("ideoinnin aikana", true)], (await app.Query(db => db.WorksheetItems.IgnoreQueryFilters()
            .Where(i => i.WorksheetId == sheet).OrderBy(i => i.Position).Select(i => new { i.Text, i.IsPrivate }).ToListAsync())).Select(i => (i.Text, i.IsPrivate)));
    }

    [Fact]
    public async Task Notes_of_one_cell_are_placed_in_the_order_they_were_added()
    {
        var (_, sheet) = await app.NewChatSheet();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        string[] texts = ["yksi", "kaksi", "kolme", "neljä"];
        foreach (var text in texts) Assert.Equal(HttpStatusCode.Created, (await AddNote(api, sheet, "goals", text)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await AddNote(api, sheet, "customer-value", "toinen solu")).StatusCode);

        var stored = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.WorksheetId == sheet && i.CellKey == "goals")
            .OrderBy(i => i.Position).Select(i => i.Text).ToListAsync());
        Assert.Equal(texts, stored);
    }
}
