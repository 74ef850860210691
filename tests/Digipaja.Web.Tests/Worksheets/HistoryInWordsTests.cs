using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Worksheets;

/// <summary>A worksheet's history told as sentences in the reader's language, with the texts before and after.</summary>
public abstract class HistoryInWordsTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : HistoryInWordsTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : HistoryInWordsTests(app);

    private const string Fanni = "Fanni Fasilitaattori";

    private static async Task<Guid> Note(HttpClient api, Guid sheet, object note)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", note);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task Put(HttpClient api, Guid id, int version, object change)
    {
        var fields = JsonSerializer.SerializeToElement(change).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["version"] = version;
        var response = await api.PutAsJsonAsync($"/api/v1/notes/{id}", fields);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static List<(string Sentence, string Change)> Lines(IHtmlDocument page) =>
        page.QuerySelectorAll("table.history tbody tr")
            .Select(r => (r.QuerySelector(".history-sentence")!.TextContent.Trim(), r.QuerySelectorAll("td")[2].TextContent)).ToList();

    private async Task<Guid[]> Rows(Guid sheet) =>
        await app.Query(db => db.WorksheetRows.IgnoreQueryFilters().Where(r => r.WorksheetId == sheet).OrderBy(r => r.Position).Select(r => r.Id).ToArrayAsync());

    [Fact]
    public async Task Each_change_of_a_note_reads_as_a_finnish_sentence_with_the_text_before_and_after_and_no_raw_fields()
    {
        var (_, sheet) = await app.NewChatSheet();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var id = await Note(api, sheet, new { cellKey = "customer-groups", text = "Omaishoitajat" });
        await Put(api, id, 1, new { cellKey = "goals" });
        await Put(api, id, 2, new { text = "Omaishoitajat saavat vastauksen samana päivänä" });
        await Put(api, id, 3, new { colour = "green" });
        await Put(api, id, 4, new { group = "Nopeus" });
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/notes/{id}")).StatusCode);

        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var page = await client.GetHtml($"/Worksheets/{sheet}/History");
        var lines = Lines(page);

        Assert.Equal(
        [
            $"{Fanni} poisti muistiinpanon kohdasta ”Tavoitteet”",
            $"{Fanni} ryhmitteli muistiinpanon otsikon ”Nopeus” alle",
            $"{Fanni} värjäsi muistiinpanon vihreäksi",
            $"{Fanni} muokkasi muistiinpanoa kohdassa ”Tavoitteet”",
            $"{Fanni} siirsi muistiinpanon kohdasta ”Asiakasryhmät” kohtaan ”Tavoitteet”",
            $"{Fanni} kirjoitti muistiinpanon kohtaan ”Asiakasryhmät”",
        ], lines.Take(6).Select(l => l.Sentence));
        var edited = page.QuerySelectorAll("table.history tbody tr")[3];
        Assert.Equal("Omaishoitajat", edited.QuerySelector("del")?.TextContent);
        Assert.Equal("Omaishoitajat saavat vastauksen samana päivänä", edited.QuerySelector("ins")?.TextContent);
        var body = page.QuerySelector("table.history")!.TextContent;
        foreach (var raw in new[] { "CellKey", "Colour", "IsDeleted", "Green", "WorksheetItem", "False" })
            Assert.DoesNotContain(raw, body);
    }

    [Fact]
    public async Task A_deleted_note_is_restored_from_its_own_line_of_the_history()
    {
        var (_, sheet) = await app.NewChatSheet();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var id = await Note(api, sheet, new { cellKey = "open-questions", text = "Kuka vastaa iltavuoroista?" });
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/notes/{id}")).StatusCode);
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var page = await client.GetHtml($"/Worksheets/{sheet}/History");
        var deletedLine = page.QuerySelectorAll("table.history tbody tr").First();
        Assert.Equal("Kuka vastaa iltavuoroista?", deletedLine.QuerySelector("del")?.TextContent);

        var restored = await client.Submit(page, $"#{deletedLine.Id} form");

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.False(await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Id == id).Select(i => i.IsDeleted).SingleAsync()));
        var after = Lines(await client.GetHtml($"/Worksheets/{sheet}/History"));
        Assert.Equal($"{Fanni} palautti muistiinpanon kohtaan ”Tarkennettavat asiat”", after[0].Sentence);
        Assert.Empty((await client.GetHtml($"/Worksheets/{sheet}/History")).QuerySelectorAll("table.history form"));
    }

    [Theory]
    [InlineData("en", "wrote a task in “Task list”", "tied a task to the service “Chat advice”", "made a milestone the go-live of the service “Chat advice”", "added the service row “Service 6”")]
    [InlineData("sv", "skrev en uppgift i ”Uppgiftslista”", "kopplade en uppgift till tjänsten ”Chat advice”", "markerade en milstolpe som driftstart för tjänsten ”Chat advice”", "lade till tjänsteraden ”Tjänst 6”")]
    public async Task Services_tasks_and_go_live_read_as_sentences_in_the_readers_language(string language, string wrote, string tied, string goLive, string rowAdded)
    {
        var (_, sheet) = await app.NewChatSheet();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var rows = await Rows(sheet);
        await Note(api, sheet, new { cellKey = "service-name", rowId = rows[0], text = "Chat advice" });
        var task = await Note(api, sheet, new { cellKey = "tasks", text = "Plan the shifts", owner = "Team lead" });
        await Put(api, task, 1, new { rowId = rows[0] });
        var milestone = await Note(api, sheet, new { cellKey = "development-path", rowId = rows[0], kind = "milestone", text = "Live", startDate = "2027-04-15" });
        await Put(api, milestone, 1, new { goLive = true });
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        await client.PostForm($"/Worksheets/{sheet}?handler=AddRow", [], pageUrl: $"/Worksheets/{sheet}");
        await client.PostForm("/Language", new() { ["language"] = language, ["returnUrl"] = "/" }, pageUrl: "/");

        var sentences = Lines(await client.GetHtml($"/Worksheets/{sheet}/History")).Select(l => l.Sentence).ToList();

        Assert.Equal($"{Fanni} {rowAdded}", sentences[0]);
        Assert.Equal($"{Fanni} {goLive}", sentences[1]);
        Assert.Equal($"{Fanni} {tied}", sentences[3]);
        Assert.Equal($"{Fanni} {wrote}", sentences[4]);

        var viaApi = await app.Api(DigipajaApp.WestFacilitator);
        viaApi.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var entries = await viaApi.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{sheet}/history");
        Assert.Equal($"{Fanni} {goLive}", entries[1].GetProperty("sentence").GetString());
    }

    [Fact]
    public async Task Anothers_private_ideation_note_stays_out_of_the_history_until_revealed()
    {
        var (series, sheet) = await app.NewChatSheet();
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        await facilitator.PostForm($"/Worksheets/{sheet}?handler=StartIdeation", new() { ["sectionKey"] = "customer", ["minutes"] = "5" }, pageUrl: $"/Worksheets/{sheet}");
        var author = await app.Api(await app.InvitedParticipant(series));
        var otherEmail = await app.InvitedParticipant(series);
        var id = await Note(author, sheet, new { cellKey = "customer-value", text = "Salainen ajatus" });
        await Put(author, id, 1, new { colour = "blue" });

        var other = await app.SignedIn(otherEmail);
        var hidden = (await other.GetHtml($"/Worksheets/{sheet}/History")).QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("Salainen ajatus", hidden);
        Assert.DoesNotContain("Asiakasarvo", hidden);
        Assert.DoesNotContain("siniseksi", hidden);
        var otherApi = await app.Api(otherEmail);
        Assert.DoesNotContain(id.ToString(), await otherApi.GetStringAsync($"/api/v1/worksheets/{sheet}/history"));

        await facilitator.PostForm($"/Worksheets/{sheet}?handler=Reveal", new() { ["sectionKey"] = "customer" }, pageUrl: $"/Worksheets/{sheet}");
        var revealed = Lines(await other.GetHtml($"/Worksheets/{sheet}/History")).Select(l => l.Sentence).ToList();
        Assert.Contains($"{Fanni} näytti kaikille muistiinpanon kohdassa ”Asiakasarvo”", revealed);
        Assert.Contains($"{Fanni} näytti osion ”2. Asiakas” muistiinpanot kaikille", revealed);
    }

    [Fact]
    public async Task The_history_is_404_for_another_countys_user_and_403_for_a_viewer_on_the_page_and_in_the_api()
    {
        var (_, sheet) = await app.NewChatSheet();
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedIn(DigipajaApp.SecondAdmin)).GetAsync($"/Worksheets/{sheet}/History")).StatusCode);
        var viewer = await (await app.SignedIn(DigipajaApp.WestViewer)).GetAsync($"/Worksheets/{sheet}/History");
        Assert.Equal(HttpStatusCode.Redirect, viewer.StatusCode);
        Assert.StartsWith("/Status/403", viewer.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.Api(DigipajaApp.SecondAdmin)).GetAsync($"/api/v1/worksheets/{sheet}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.Api(DigipajaApp.WestViewer)).GetAsync($"/api/v1/worksheets/{sheet}/history")).StatusCode);
    }
}
