using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Worksheets;

/// <summary>
/// The board posts the page's own forms with fetch: a saved item comes back as JSON (the board draws it from its
/// template), errors as 422 with localized messages, and several notes change in one request.
/// </summary>
public abstract class BoardHandlerTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : BoardHandlerTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : BoardHandlerTests(app);

    private Task<(Guid Series, Guid Sheet)> NewChatSeries() => app.NewChatSeries("KAT");

    /// <summary>Posts as the board does; the token comes from a page the caller may open (the home page).</summary>
    private static async Task<HttpResponseMessage> Fetch(HttpClient client, Guid sheet, string handler, Dictionary<string, string> fields, params (string Name, string Value)[] repeated)
    {
        var page = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Concat(repeated.Select(r => new KeyValuePair<string, string>(r.Name, r.Value)))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/Worksheets/{sheet}?handler={handler}") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Requested-With", "fetch");
        return await client.SendAsync(request);
    }

    private static Dictionary<string, string> Note(string cell, string text) => new() { ["Form"] = $"add-{cell}", ["Input.CellKey"] = cell, ["Input.Text"] = text };

    [Fact]
    public async Task A_note_written_on_the_board_comes_back_as_the_saved_item_without_a_page()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);

        var response = await Fetch(client, sheet, "Add", Note("customer-groups", "Omaiset"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item");
        Assert.Equal("Omaiset", item.GetProperty("text").GetString());
        Assert.Equal("customer-groups", item.GetProperty("cellKey").GetString());
        Assert.Equal(1, item.GetProperty("version").GetInt32());
        Assert.True(await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().AnyAsync(i => i.WorksheetId == sheet && i.Text == "Omaiset")));
    }

    [Fact]
    public async Task A_bad_note_on_the_board_gets_a_localized_error_and_nothing_is_stored()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var before = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().CountAsync(i => i.WorksheetId == sheet));

        var response = await Fetch(client, sheet, "Add", Note("customer-groups", "   "));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal("text", error.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(before, await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().CountAsync(i => i.WorksheetId == sheet)));
    }

    [Fact]
    public async Task A_stale_edit_on_the_board_is_refused_with_the_newer_text()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var id = (await (await Fetch(client, sheet, "Add", Note("goals", "Alku"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await Fetch(client, sheet, "Update", new() { ["itemId"] = id, ["version"] = "1", ["Input.Text"] = "Toisen versio" })).StatusCode);

        var stale = await Fetch(client, sheet, "Update", new() { ["itemId"] = id, ["version"] = "1", ["Input.Text"] = "Minun versioni" });

        Assert.Equal((HttpStatusCode)422, stale.StatusCode);
        Assert.Equal("Toisen versio", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current").GetProperty("text").GetString());
        Assert.Equal("Toisen versio", await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Id == Guid.Parse(id)).Select(i => i.Text).SingleAsync()));
    }

    [Fact]
    public async Task A_note_deleted_on_the_board_comes_back_with_undo()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var id = (await (await Fetch(client, sheet, "Add", Note("goals", "Poistuva"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await Fetch(client, sheet, "Delete", new() { ["itemId"] = id, ["version"] = "1" })).StatusCode);
        Assert.True(await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Id == Guid.Parse(id)).Select(i => i.IsDeleted).SingleAsync()));
        var restored = await Fetch(client, sheet, "Restore", new() { ["itemId"] = id });

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.False((await restored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("isDeleted").GetBoolean());
        Assert.False(await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Id == Guid.Parse(id)).Select(i => i.IsDeleted).SingleAsync()));
    }

    [Fact]
    public async Task Several_selected_notes_move_and_group_at_once_keeping_their_texts_and_services()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var row = await app.Query(db => db.WorksheetRows.IgnoreQueryFilters().Where(r => r.WorksheetId == sheet).OrderBy(r => r.Position).Select(r => r.Id).FirstAsync());
        var ids = new List<string>();
        foreach (var text in new[] { "Yksi", "Kaksi", "Kolme" })
        {
            var fields = Note("customer-value", text);
            if (text == "Yksi") fields["Input.RowId"] = row.ToString();
            ids.Add((await (await Fetch(client, sheet, "Add", fields)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("id").GetString()!);
        }

        var response = await Fetch(client, sheet, "Bulk", new() { ["cellKey"] = "customer-changes", ["group"] = "Yhteydenotto", ["colour"] = "blue" },
            ids.Select(id => ("itemIds", id)).ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength());
        var stored = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.WorksheetId == sheet && i.CellKey == "customer-changes").ToListAsync());
        Assert.Equal(["Kaksi", "Kolme", "Yksi"], stored.Select(i => i.Text).Order());
        Assert.All(stored, i => Assert.Equal(("Yhteydenotto", Digipaja.Core.Worksheets.NoteColour.Blue), (i.Group, i.Colour)));
        Assert.Equal(row, stored.Single(i => i.Text == "Yksi").RowId);
        Assert.Equal(3, await app.Query(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => ids.Select(Guid.Parse).Contains(a.EntityId) && a.Action == "modified")));
    }

    [Fact]
    public async Task A_bulk_move_into_a_cell_of_another_kind_changes_nothing()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var id = (await (await Fetch(client, sheet, "Add", Note("goals", "Paikallaan"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("id").GetString()!;

        var response = await Fetch(client, sheet, "Bulk", new() { ["cellKey"] = "tasks" }, ("itemIds", id));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
        Assert.Equal(1, body.GetProperty("failed").GetArrayLength());
        Assert.Equal("goals", await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Id == Guid.Parse(id)).Select(i => i.CellKey).SingleAsync()));
    }

    [Fact]
    public async Task Another_countys_user_gets_404_and_a_viewer_403_from_the_boards_handlers()
    {
        var (_, sheet) = await NewChatSeries();
        var writer = await app.SignedIn(DigipajaApp.WestFacilitator);
        var id = (await (await Fetch(writer, sheet, "Add", Note("goals", "Oma"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("id").GetString()!;
        var other = await app.SignedIn(DigipajaApp.SecondAdmin);
        var viewer = await app.SignedIn(DigipajaApp.WestViewer);

        foreach (var (handler, fields, repeated) in new (string, Dictionary<string, string>, (string, string)[])[]
                 {
                     ("Add", Note("goals", "Vieras"), []),
                     ("Restore", new() { ["itemId"] = id }, []),
                     ("Bulk", new() { ["colour"] = "pink" }, [("itemIds", id)]),
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Fetch(other, sheet, handler, fields, repeated)).StatusCode);
            var asViewer = await Fetch(viewer, sheet, handler, fields, repeated);
            Assert.True(asViewer.StatusCode == HttpStatusCode.Forbidden || asViewer.Headers.Location?.PathAndQuery.StartsWith("/Status/403") == true, $"{handler}: {asViewer.StatusCode}");
        }
        var stored = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.WorksheetId == sheet).ToListAsync());
        Assert.DoesNotContain(stored, i => i.Text == "Vieras");
        Assert.Equal(Digipaja.Core.Worksheets.NoteColour.Yellow, stored.Single(i => i.Text == "Oma").Colour);
    }
}
