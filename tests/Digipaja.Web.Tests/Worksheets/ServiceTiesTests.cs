using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Worksheets;

/// <summary>
/// Services hold a worksheet together: tasks and things given up tied to a service row, and the one milestone on which
/// the service goes live, through the API and the page alike and on to the plan.
/// </summary>
public abstract class ServiceTiesTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : ServiceTiesTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : ServiceTiesTests(app);

    private sealed record Sheet(Guid Series, Guid Id, Guid LineId, Guid[] Rows, string Service);

    /// <summary>A new chat worksheet of a line whose first service row is named.</summary>
    private async Task<Sheet> NamedService(HttpClient api, string line = "EHK")
    {
        var (series, id) = await app.NewChatSheet(line);
        var lineId = await app.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Code == line).Select(l => l.Id).SingleAsync());
        var rows = await app.Query(db => db.WorksheetRows.IgnoreQueryFilters().Where(r => r.WorksheetId == id).OrderBy(r => r.Position).Select(r => r.Id).ToArrayAsync());
        var name = $"Chat-neuvonta {Guid.NewGuid():N}"[..24];
        await Created(api, id, new { cellKey = "service-name", rowId = rows[0], text = name });
        return new Sheet(series, id, lineId, rows, name);
    }

    private static async Task<JsonElement> Created(HttpClient api, Guid sheet, object note)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", note);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> Service(HttpClient api, Sheet sheet)
    {
        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{sheet.LineId}/plan");
        return plan.GetProperty("roadmap").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == sheet.Rows[0]);
    }

    private static async Task<List<(string? Kind, string? Subject)>> Gaps(HttpClient api, Sheet sheet) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{sheet.LineId}/plan")).GetProperty("gaps").EnumerateArray()
            .Select(g => (g.GetProperty("kind").GetString(), g.GetProperty("subject").GetString())).ToList();

    private static async Task<string> ErrorField(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name;
    }

    [Fact]
    public async Task A_task_and_a_thing_given_up_tied_to_a_service_when_written_and_when_edited_are_on_that_services_roadmap_row()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheet = await NamedService(api);
        await Created(api, sheet.Id, new { cellKey = "tasks", rowId = sheet.Rows[0], text = "Koulutetaan hoitajat", dueDate = "2027-02-01" });
        var undated = await Created(api, sheet.Id, new { cellKey = "tasks", rowId = sheet.Rows[0], text = "Sovitaan chat-vuorot" });
        var givenUp = await Created(api, sheet.Id, new { cellKey = "given-up", text = "Takaisinsoittopyynnöt", dueDate = "2027-06-01" });
        Assert.Equal(JsonValueKind.Null, givenUp.GetProperty("rowId").ValueKind);

        var tied = await api.PutAsJsonAsync($"/api/v1/notes/{givenUp.GetProperty("id").GetGuid()}", new { rowId = sheet.Rows[0], version = 1 });
        Assert.Equal(HttpStatusCode.OK, tied.StatusCode);
        Assert.Equal(sheet.Rows[0], (await tied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rowId").GetGuid());

        var service = await Service(api, sheet);
        Assert.Equal(["task:Koulutetaan hoitajat", "given-up:Takaisinsoittopyynnöt", "task:Sovitaan chat-vuorot"],
            service.GetProperty("steps").EnumerateArray().Select(s => $"{s.GetProperty("kind").GetString()}:{s.GetProperty("text").GetString()}"));
        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{sheet.LineId}/plan");
        var work = plan.GetProperty("developmentWork").EnumerateArray().Single(w => w.GetProperty("id").GetGuid() == undated.GetProperty("id").GetGuid());
        Assert.Equal((sheet.Rows[0], sheet.Service), (work.GetProperty("serviceId").GetGuid(), work.GetProperty("service").GetString()));
    }

    [Fact]
    public async Task A_task_is_untied_from_its_service_by_moving_it_without_a_row()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheet = await NamedService(api);
        var task = await Created(api, sheet.Id, new { cellKey = "tasks", rowId = sheet.Rows[0], text = "Irrotettava" });

        var untied = await api.PutAsJsonAsync($"/api/v1/notes/{task.GetProperty("id").GetGuid()}", new { cellKey = "tasks", version = 1 });

        Assert.Equal(HttpStatusCode.OK, untied.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await untied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rowId").ValueKind);
        Assert.Empty((await Service(api, sheet)).GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task A_task_cannot_be_tied_to_a_removed_row_or_to_a_row_of_another_worksheet()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheet = await NamedService(api);
        var other = await NamedService(api);
        var page = await app.SignedIn(DigipajaApp.WestFacilitator);
        await page.PostForm($"/Worksheets/{sheet.Id}?handler=RemoveRow", new() { ["rowId"] = sheet.Rows[4].ToString() }, pageUrl: $"/Worksheets/{sheet.Id}");

        Assert.Equal("rowId", await ErrorField(await api.PostAsJsonAsync($"/api/v1/worksheets/{sheet.Id}/notes", new { cellKey = "tasks", rowId = sheet.Rows[4], text = "Poistetulle" })));
        Assert.Equal("rowId", await ErrorField(await api.PostAsJsonAsync($"/api/v1/worksheets/{sheet.Id}/notes", new { cellKey = "given-up", rowId = other.Rows[0], text = "Vieraalle" })));
        var task = await Created(api, sheet.Id, new { cellKey = "tasks", text = "Sitomaton" });
        Assert.Equal("rowId", await ErrorField(await api.PutAsJsonAsync($"/api/v1/notes/{task.GetProperty("id").GetGuid()}", new { rowId = other.Rows[0], version = 1 })));
        Assert.False(await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().AnyAsync(i => i.WorksheetId == sheet.Id && i.RowId != null && i.CellKey != "service-name")));
    }

    [Fact]
    public async Task The_page_offers_the_services_on_a_task_and_ties_the_task_it_writes()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheet = await NamedService(api);
        var client = await app.SignedIn(DigipajaApp.WestFacilitator);
        var page = await client.GetHtml($"/Worksheets/{sheet.Id}");
        var select = page.QuerySelector("#c-tasks form select[name='Input.RowId']");
        Assert.NotNull(select);
        Assert.Equal("", select!.QuerySelector("option")!.GetAttribute("value"));
        Assert.Contains(select.QuerySelectorAll("option"), o => o.GetAttribute("value") == sheet.Rows[0].ToString() && o.TextContent == sheet.Service);

        var added = await client.PostForm($"/Worksheets/{sheet.Id}?handler=Add",
            new() { ["Form"] = "add-tasks", ["Input.CellKey"] = "tasks", ["Input.RowId"] = sheet.Rows[0].ToString(), ["Input.Text"] = "Lomakkeelta palveluun" },
            pageUrl: $"/Worksheets/{sheet.Id}");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(sheet.Rows[0], await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.Text == "Lomakkeelta palveluun").Select(i => i.RowId).SingleAsync()));
    }

    [Fact]
    public async Task A_service_goes_live_on_its_go_live_milestone_and_a_second_one_is_refused_until_the_first_is_unmarked()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheet = await NamedService(api);
        var first = await Created(api, sheet.Id, new { cellKey = "development-path", rowId = sheet.Rows[0], kind = "milestone", goLive = true, text = "Tuotantoon", startDate = "2027-04-15" });
        Assert.True(first.GetProperty("goLive").GetBoolean());
        var later = await Created(api, sheet.Id, new { cellKey = "development-path", rowId = sheet.Rows[0], kind = "milestone", text = "Laajennus", startDate = "2027-09-01" });
        Assert.Equal("2027-04-15", (await Service(api, sheet)).GetProperty("goesLive").GetString());

        var second = await api.PostAsJsonAsync($"/api/v1/worksheets/{sheet.Id}/notes", new { cellKey = "development-path", rowId = sheet.Rows[0], kind = "milestone", goLive = true, text = "Toinen", startDate = "2027-05-01" });
        Assert.Equal("goLive", await ErrorField(second));
        var laterId = later.GetProperty("id").GetGuid();
        Assert.Equal("goLive", await ErrorField(await api.PutAsJsonAsync($"/api/v1/notes/{laterId}", new { goLive = true, version = 1 })));

        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/notes/{first.GetProperty("id").GetGuid()}", new { goLive = false, version = 1 })).StatusCode);
        Assert.Contains(("service-without-go-live", sheet.Service), await Gaps(api, sheet));
        var moved = await api.PutAsJsonAsync($"/api/v1/notes/{laterId}", new { goLive = true, version = 1 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var service = await Service(api, sheet);
        Assert.Equal("2027-09-01", service.GetProperty("goesLive").GetString());
        Assert.Equal(["milestone:Tuotantoon", "go-live:Laajennus"],
            service.GetProperty("steps").EnumerateArray().Select(s => $"{s.GetProperty("kind").GetString()}:{s.GetProperty("text").GetString()}"));
        Assert.DoesNotContain(("service-without-go-live", sheet.Service), await Gaps(api, sheet));
        Assert.Equal(1, await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().CountAsync(i => i.RowId == sheet.Rows[0] && i.IsGoLive)));
    }

    [Fact]
    public async Task Only_a_milestone_can_be_a_go_live_and_a_milestone_turned_into_a_phase_stops_being_one()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheet = await NamedService(api);
        Assert.Equal("goLive", await ErrorField(await api.PostAsJsonAsync($"/api/v1/worksheets/{sheet.Id}/notes",
            new { cellKey = "development-path", rowId = sheet.Rows[0], kind = "phase", goLive = true, text = "Vaihe", startDate = "2027-01-01" })));
        Assert.Equal("goLive", await ErrorField(await api.PostAsJsonAsync($"/api/v1/worksheets/{sheet.Id}/notes",
            new { cellKey = "tasks", rowId = sheet.Rows[0], goLive = true, text = "Tehtävä" })));
        var milestone = await Created(api, sheet.Id, new { cellKey = "development-path", rowId = sheet.Rows[0], kind = "milestone", goLive = true, text = "Tuotantoon", startDate = "2027-04-15" });

        var phase = await api.PutAsJsonAsync($"/api/v1/notes/{milestone.GetProperty("id").GetGuid()}", new { kind = "phase", version = 1 });

        Assert.Equal(HttpStatusCode.OK, phase.StatusCode);
        var body = await phase.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("phase", false), (body.GetProperty("kind").GetString(), body.GetProperty("goLive").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, (await Service(api, sheet)).GetProperty("goesLive").ValueKind);
    }

    [Fact]
    public async Task A_restored_go_live_milestone_comes_back_as_a_plain_milestone_when_its_service_has_another_go_live()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheet = await NamedService(api);
        var first = await Created(api, sheet.Id, new { cellKey = "development-path", rowId = sheet.Rows[0], kind = "milestone", goLive = true, text = "Ensin", startDate = "2027-04-15" });
        var firstId = first.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/notes/{firstId}")).StatusCode);
        await Created(api, sheet.Id, new { cellKey = "development-path", rowId = sheet.Rows[0], kind = "milestone", goLive = true, text = "Sitten", startDate = "2027-06-01" });

        var restored = await api.PostAsync($"/api/v1/notes/{firstId}/restore", null);

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.False((await restored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("goLive").GetBoolean());
        Assert.Equal("2027-06-01", (await Service(api, sheet)).GetProperty("goesLive").GetString());
    }

    [Fact]
    public async Task Another_countys_user_gets_404_and_a_viewer_403_when_tying_a_task_or_marking_a_go_live()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var sheet = await NamedService(api);
        var task = await Created(api, sheet.Id, new { cellKey = "tasks", text = "Oma tehtävä" });
        var milestone = await Created(api, sheet.Id, new { cellKey = "development-path", rowId = sheet.Rows[0], kind = "milestone", text = "Tuotantoon", startDate = "2027-04-15" });

        foreach (var (email, status) in new[] { (DigipajaApp.SecondAdmin, HttpStatusCode.NotFound), (DigipajaApp.WestViewer, HttpStatusCode.Forbidden) })
        {
            var other = await app.Api(email);
            Assert.Equal(status, (await other.PutAsJsonAsync($"/api/v1/notes/{task.GetProperty("id").GetGuid()}", new { rowId = sheet.Rows[0], version = 1 })).StatusCode);
            Assert.Equal(status, (await other.PutAsJsonAsync($"/api/v1/notes/{milestone.GetProperty("id").GetGuid()}", new { goLive = true, version = 1 })).StatusCode);
            Assert.Equal(status, (await other.PostAsJsonAsync($"/api/v1/worksheets/{sheet.Id}/notes",
                new { cellKey = "development-path", rowId = sheet.Rows[0], kind = "milestone", goLive = true, text = "Vieras", startDate = "2027-01-01" })).StatusCode);
        }
        var stored = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.WorksheetId == sheet.Id && (i.CellKey == "tasks" || i.CellKey == "development-path"))
            .Select(i => new { i.RowId, i.IsGoLive }).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, i => Assert.False(i.IsGoLive));
        Assert.Single(stored, i => i.RowId is null);
    }
}
