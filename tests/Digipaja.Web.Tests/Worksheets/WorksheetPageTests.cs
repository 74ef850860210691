using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Worksheets;

public abstract class WorksheetPageTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : WorksheetPageTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : WorksheetPageTests(app);

    private Task<(Guid Series, Guid Sheet)> NewChatSeries() => app.NewChatSeries("NAO");

    private static Task<HttpResponseMessage> Post(HttpClient client, Guid sheet, string handler, Dictionary<string, string> fields) =>
        client.PostForm($"/Worksheets/{sheet}?handler={handler}", fields, pageUrl: $"/Worksheets/{sheet}");

    [Fact]
    public async Task The_page_shows_every_section_with_guidance_and_five_service_rows()
    {
        var (_, sheet) = await NewChatSeries();
        var page = await (await app.SignedIn(DigipajaApp.WestFacilitator)).GetHtml($"/Worksheets/{sheet}");

        Assert.Equal("Chat", page.QuerySelector("h1")?.TextContent);
        foreach (var section in new[] { "basics", "customer", "current", "goals", "operations", "path" })
            Assert.NotNull(page.QuerySelector($"#s-{section}"));
        Assert.Equal(5, page.QuerySelectorAll(".rows-table tbody tr").Length);
        Assert.NotEmpty(page.QuerySelectorAll("details.guidance"));
        Assert.NotNull(page.QuerySelector("#c-tasks input[name='Input.Owner']"));
        Assert.NotNull(page.QuerySelector("#c-metrics select[name='Input.MetricId']"));
    }

    [Fact]
    public async Task A_note_is_added_edited_and_deleted_through_the_forms_as_the_page_renders_them()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);

        var added = await client.Submit(await client.GetHtml($"/Worksheets/{sheet}"), "#c-goals form.note-form--add", new() { ["Input.Text"] = "Lomakkeesta" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var note = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().SingleAsync(i => i.WorksheetId == sheet && i.Text == "Lomakkeesta"));

        var edited = await client.Submit(await client.GetHtml($"/Worksheets/{sheet}"), $"#n-{note.Id} form.note-form", new() { ["Input.Text"] = "Muokattu lomakkeesta", ["Input.CellKey"] = "goals" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("Muokattu lomakkeesta", await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Id == note.Id).Select(i => i.Text).SingleAsync()));

        var deleted = await client.Submit(await client.GetHtml($"/Worksheets/{sheet}"), $"#n-{note.Id} form.note__delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.True(await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Id == note.Id).Select(i => i.IsDeleted).SingleAsync()));
    }

    [Fact]
    public async Task A_participant_adds_a_note_and_returns_to_its_cell()
    {
        var (series, sheet) = await NewChatSeries();
        var participant = await app.SignedIn(await app.InvitedParticipant(series));

        var response = await Post(participant, sheet, "Add", new() { ["Form"] = "add-customer-value", ["Input.CellKey"] = "customer-value", ["Input.Text"] = "Nopea vastaus" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("#c-customer-value", response.Headers.Location?.OriginalString);
        var page = await participant.GetHtml($"/Worksheets/{sheet}");
        Assert.Contains("Nopea vastaus", page.QuerySelector("#c-customer-value .notes")?.TextContent);
    }

    [Fact]
    public async Task An_empty_note_gets_an_error_in_its_own_form_and_nothing_is_stored()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var before = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().CountAsync(i => i.WorksheetId == sheet));

        var response = await Post(client, sheet, "Add", new() { ["Form"] = "add-goals", ["Input.CellKey"] = "goals", ["Input.Text"] = "   " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Html();
        Assert.Equal("Täytä tämä kenttä.", page.QuerySelector("#add-goals-text-error")?.TextContent.Replace("Virhe:", "").Trim());
        Assert.Equal("true", page.QuerySelector("#add-goals-text")?.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#add-goals-text']"));
        Assert.Equal(before, await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().CountAsync(i => i.WorksheetId == sheet)));
    }

    [Fact]
    public async Task A_service_row_note_is_written_in_its_row_and_rows_can_be_added_and_removed()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var rows = await app.Query(db => db.WorksheetRows.IgnoreQueryFilters().Where(r => r.WorksheetId == sheet).OrderBy(r => r.Position).Select(r => r.Id).ToListAsync());

        await Post(client, sheet, "Add", new() { ["Form"] = $"add-service-name-{rows[1]:N}", ["Input.CellKey"] = "service-name", ["Input.RowId"] = rows[1].ToString(), ["Input.Text"] = "Päivystysapu" });
        var page = await client.GetHtml($"/Worksheets/{sheet}");
        Assert.Contains("Päivystysapu", page.QuerySelector($"#c-service-name-{rows[1]:N}")?.TextContent);
        Assert.DoesNotContain("Päivystysapu", page.QuerySelector($"#c-service-name-{rows[0]:N}")?.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, sheet, "AddRow", [])).StatusCode);
        Assert.Equal(6, (await client.GetHtml($"/Worksheets/{sheet}")).QuerySelectorAll(".rows-table tbody tr").Length);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, sheet, "RemoveRow", new() { ["rowId"] = rows[1].ToString() })).StatusCode);
        var afterRemove = await client.GetHtml($"/Worksheets/{sheet}");
        Assert.Equal(5, afterRemove.QuerySelectorAll(".rows-table tbody tr").Length);
        Assert.DoesNotContain("Päivystysapu", afterRemove.QuerySelector(".rows-table")!.TextContent);

        // Nothing is lost: the removed row comes back with its note.
        var history = await client.PostForm($"/Worksheets/{sheet}/History?handler=RestoreRow", new() { ["rowId"] = rows[1].ToString() }, pageUrl: $"/Worksheets/{sheet}/History");
        Assert.Equal(HttpStatusCode.Redirect, history.StatusCode);
        Assert.Contains("Päivystysapu", (await client.GetHtml($"/Worksheets/{sheet}")).QuerySelector(".rows-table")!.TextContent);
    }

    [Fact]
    public async Task A_stale_edit_shows_both_texts_and_keeps_the_stored_one()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        await Post(client, sheet, "Add", new() { ["Form"] = "add-goals", ["Input.CellKey"] = "goals", ["Input.Text"] = "Alku" });
        var note = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().SingleAsync(i => i.WorksheetId == sheet && i.CellKey == "goals"));
        var form = $"edit-{note.Id:N}";

        await Post(client, sheet, "Update", new() { ["Form"] = form, ["itemId"] = note.Id.ToString(), ["version"] = "1", ["Input.Text"] = "Ensimmäisen versio", ["Input.CellKey"] = "goals" });
        var stale = await Post(client, sheet, "Update", new() { ["Form"] = form, ["itemId"] = note.Id.ToString(), ["version"] = "1", ["Input.Text"] = "Toisen versio", ["Input.CellKey"] = "goals" });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await stale.Html();
        var conflict = page.QuerySelector($"#n-{note.Id} .conflict")?.TextContent;
        Assert.Contains("Ensimmäisen versio", conflict);
        Assert.Contains("Toisen versio", conflict);
        Assert.Equal("Toisen versio", page.QuerySelector($"#{form}-text")?.TextContent);
        Assert.Equal("Ensimmäisen versio", await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Id == note.Id).Select(i => i.Text).SingleAsync()));
    }

    [Fact]
    public async Task A_note_moves_to_another_cell_through_its_edit_form()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        await Post(client, sheet, "Add", new() { ["Form"] = "add-use-cases-before", ["Input.CellKey"] = "use-cases-before", ["Input.Text"] = "Siirrettävä" });
        var note = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().SingleAsync(i => i.WorksheetId == sheet && i.Text == "Siirrettävä"));

        var moved = await Post(client, sheet, "Update", new() { ["Form"] = $"edit-{note.Id:N}", ["itemId"] = note.Id.ToString(), ["version"] = "1", ["Input.Text"] = "Siirrettävä", ["Input.CellKey"] = "use-cases-during", ["Input.Group"] = "Ajanvaraus", ["Input.Colour"] = "green" });

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var page = await client.GetHtml($"/Worksheets/{sheet}");
        Assert.Contains("Siirrettävä", page.QuerySelector("#c-use-cases-during")?.TextContent);
        Assert.DoesNotContain("Siirrettävä", page.QuerySelector("#c-use-cases-before .notes")?.TextContent ?? "");
        Assert.Contains("Siirrettävä", page.QuerySelector("#c-use-cases-during .note-cluster[data-group='Ajanvaraus']")?.TextContent);
        Assert.Equal("Vihreä", page.QuerySelector($"#n-{note.Id} [data-f='colour']")?.TextContent);
    }

    [Fact]
    public async Task Tasks_carry_an_owner_and_date_and_the_path_draws_phases_and_milestones()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var row = await app.Query(db => db.WorksheetRows.IgnoreQueryFilters().Where(r => r.WorksheetId == sheet).OrderBy(r => r.Position).Select(r => r.Id).FirstAsync());

        await Post(client, sheet, "Add", new() { ["Form"] = "add-tasks", ["Input.CellKey"] = "tasks", ["Input.Text"] = "Yhteistyökokous yksiköiden kanssa", ["Input.Owner"] = "Palveluesihenkilö", ["Input.DueDate"] = "2027-02-15" });
        await Post(client, sheet, "Add", new() { ["Form"] = $"add-development-path-{row:N}", ["Input.CellKey"] = "development-path", ["Input.RowId"] = row.ToString(), ["Input.Kind"] = "phase", ["Input.Text"] = "Pilotti", ["Input.StartDate"] = "2027-01-01", ["Input.EndDate"] = "2027-03-31" });
        await Post(client, sheet, "Add", new() { ["Form"] = $"add-development-path-{row:N}", ["Input.CellKey"] = "development-path", ["Input.RowId"] = row.ToString(), ["Input.Kind"] = "milestone", ["Input.Text"] = "Käyttöönottopäätös", ["Input.StartDate"] = "2027-04-15" });
        var wrong = await Post(client, sheet, "Add", new() { ["Form"] = $"add-development-path-{row:N}", ["Input.CellKey"] = "development-path", ["Input.RowId"] = row.ToString(), ["Input.Text"] = "Väärin päin", ["Input.StartDate"] = "2027-05-01", ["Input.EndDate"] = "2027-04-01" });
        Assert.NotNull((await wrong.Html()).QuerySelector($"#add-development-path-{row:N}-endDate-error"));

        var page = await client.GetHtml($"/Worksheets/{sheet}");
        Assert.Contains("Palveluesihenkilö", page.QuerySelector("#c-tasks")?.TextContent);
        var svg = page.QuerySelector("#c-development-path svg");
        Assert.NotNull(svg);
        Assert.Single(svg!.QuerySelectorAll("rect.timeline__phase"));
        Assert.Single(svg.QuerySelectorAll("polygon.timeline__milestone"));
        Assert.Contains("Yhteistyökokous", page.QuerySelector("#c-development-path table")?.TextContent);
        Assert.False(await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().AnyAsync(i => i.Text == "Väärin päin")));
    }

    [Fact]
    public async Task Notes_written_during_individual_ideation_stay_private_until_the_facilitator_reveals_them()
    {
        var (series, sheet) = await NewChatSeries();
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var first = await app.SignedIn(await app.InvitedParticipant(series));
        var second = await app.SignedIn(await app.InvitedParticipant(series));

        Assert.Equal(HttpStatusCode.Redirect, (await Post(facilitator, sheet, "StartIdeation", new() { ["sectionKey"] = "customer", ["minutes"] = "5" })).StatusCode);
        await Post(first, sheet, "Add", new() { ["Form"] = "add-customer-groups", ["Input.CellKey"] = "customer-groups", ["Input.Text"] = "Oma idea: omaishoitajat" });

        Assert.Contains("Oma idea", (await first.GetHtml($"/Worksheets/{sheet}")).QuerySelector("#c-customer-groups")?.TextContent);
        Assert.DoesNotContain("Oma idea", (await second.GetHtml($"/Worksheets/{sheet}")).Body!.TextContent);
        Assert.DoesNotContain("Oma idea", (await facilitator.GetHtml($"/Worksheets/{sheet}")).Body!.TextContent);
        Assert.DoesNotContain("Oma idea", (await second.GetHtml($"/Worksheets/{sheet}/History")).Body!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await Post(facilitator, sheet, "Reveal", new() { ["sectionKey"] = "customer" })).StatusCode);
        Assert.Contains("Oma idea", (await second.GetHtml($"/Worksheets/{sheet}")).QuerySelector("#c-customer-groups")?.TextContent);
    }

    [Fact]
    public async Task Only_a_facilitator_can_start_or_reveal_an_ideation()
    {
        var (series, sheet) = await NewChatSeries();
        var participant = await app.SignedIn(await app.InvitedParticipant(series));
        var start = await Post(participant, sheet, "StartIdeation", new() { ["sectionKey"] = "customer", ["minutes"] = "5" });
        Assert.StartsWith("/Status/403", start.Headers.Location?.PathAndQuery);
        var reveal = await Post(participant, sheet, "Reveal", []);
        Assert.StartsWith("/Status/403", reveal.Headers.Location?.PathAndQuery);
        Assert.Null(await app.Query(db => db.Worksheets.IgnoreQueryFilters().Where(w => w.Id == sheet).Select(w => w.IdeationSectionKey).SingleAsync()));
    }

    [Fact]
    public async Task A_deleted_note_is_restored_from_the_history_page()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        await Post(client, sheet, "Add", new() { ["Form"] = "add-open-questions", ["Input.CellKey"] = "open-questions", ["Input.Text"] = "Kuka vastaa illoista?" });
        var note = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().SingleAsync(i => i.WorksheetId == sheet && i.CellKey == "open-questions"));

        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, sheet, "Delete", new() { ["itemId"] = note.Id.ToString(), ["version"] = "1" })).StatusCode);
        Assert.DoesNotContain("Kuka vastaa illoista?", (await client.GetHtml($"/Worksheets/{sheet}")).QuerySelector("#c-open-questions")!.TextContent);
        var history = await client.GetHtml($"/Worksheets/{sheet}/History");
        Assert.Contains("Kuka vastaa illoista?", history.QuerySelector(".deleted-list")?.TextContent);

        await client.PostForm($"/Worksheets/{sheet}/History?handler=Restore", new() { ["itemId"] = note.Id.ToString() }, pageUrl: $"/Worksheets/{sheet}/History");
        Assert.Contains("Kuka vastaa illoista?", (await client.GetHtml($"/Worksheets/{sheet}")).QuerySelector("#c-open-questions")!.TextContent);
        var changes = (await client.GetHtml($"/Worksheets/{sheet}/History")).QuerySelectorAll("tbody tr").Where(r => r.TextContent.Contains("muistiinpano")).ToList();
        Assert.True(changes.Count >= 3);
    }

    [Fact]
    public async Task One_cell_is_rendered_alone_for_the_live_page_and_not_for_another_county()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        await Post(client, sheet, "Add", new() { ["Form"] = "add-goals", ["Input.CellKey"] = "goals", ["Input.Text"] = "Solun sisältö" });

        var cell = await client.GetAsync($"/Worksheets/{sheet}?handler=Cell&cellKey=goals");
        Assert.Equal(HttpStatusCode.OK, cell.StatusCode);
        var html = await cell.Content.ReadAsStringAsync();
        Assert.Contains("Solun sisältö", html);
        Assert.DoesNotContain("<html", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Worksheets/{sheet}?handler=Cell&cellKey=no-such-cell")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedIn(DigipajaApp.SecondAdmin)).GetAsync($"/Worksheets/{sheet}?handler=Cell&cellKey=goals")).StatusCode);
    }

    [Fact]
    public async Task Script_in_a_note_is_shown_as_text()
    {
        var (_, sheet) = await NewChatSeries();
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        await Post(client, sheet, "Add", new() { ["Form"] = "add-goals", ["Input.CellKey"] = "goals", ["Input.Text"] = "<script>alert('x')</script>" });
        var raw = await (await client.GetAsync($"/Worksheets/{sheet}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert('x')</script>", raw);
        Assert.Contains("&lt;script&gt;", raw);
    }

    [Fact]
    public async Task Outsiders_are_kept_out_another_countys_users_get_404_and_the_uninvited_403()
    {
        var (_, sheet) = await NewChatSeries();
        var other = await app.SignedIn(DigipajaApp.SecondAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Worksheets/{sheet}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Worksheets/{sheet}/History")).StatusCode);

        var uninvited = await app.SignedIn(await app.CreateUser("lansi-uusimaa", Role.Participant));
        var response = await uninvited.GetAsync($"/Worksheets/{sheet}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Status/403", response.Headers.Location?.PathAndQuery);
    }
}
