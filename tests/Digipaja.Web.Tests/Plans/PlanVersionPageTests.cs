using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Tests.Infrastructure;
using Digipaja.Web.Tests.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Plans;

public abstract class PlanVersionPageTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : PlanVersionPageTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : PlanVersionPageTests(app);

    private static Guid VersionIdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Plans/Versions/", location);
        return Guid.Parse(location["/Plans/Versions/".Length..]);
    }

    [Fact]
    public async Task A_facilitator_publishes_from_the_plan_page_and_the_version_page_keeps_the_old_text_after_an_edit()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "MTP");
        var browser = await app.SignedIn(DigipajaApp.WestFacilitator);
        var planPage = await browser.GetHtml($"/Plans/Lines/{line.LineId}");
        var publishLink = planPage.QuerySelectorAll("a").Single(a => a.GetAttribute("href")!.StartsWith("/Plans/Publish")).GetAttribute("href")!;

        var form = await browser.GetHtml(System.Net.WebUtility.HtmlDecode(publishLink));
        Assert.Contains("MTP", form.QuerySelector("h1")!.TextContent);
        var response = await browser.Submit(form, "main form[method=post]", new() { ["Input.Name"] = $"Sivulta {line.Marker}" });
        var id = VersionIdFrom(response);
        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{line.LineId}/plan");
        var useCase = plan.GetProperty("useCases").EnumerateArray().Single(u => u.GetProperty("text").GetString() == line.UseCase).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/notes/{useCase}", new { text = $"Uusi teksti {line.Marker}", version = 1 })).StatusCode);

        var version = await browser.GetHtml($"/Plans/Versions/{id}");
        var live = await browser.GetHtml($"/Plans/Lines/{line.LineId}");

        Assert.Equal($"Sivulta {line.Marker}", version.QuerySelector("h1")!.TextContent);
        Assert.Contains(line.UseCase, version.QuerySelector("section[aria-labelledby='plan-use-cases']")!.TextContent);
        Assert.DoesNotContain($"Uusi teksti {line.Marker}", version.Body!.TextContent);
        Assert.Contains($"Uusi teksti {line.Marker}", live.QuerySelector("section[aria-labelledby='plan-use-cases']")!.TextContent);
        var list = await browser.GetHtml($"/Plans/Versions?level=service-line&id={line.LineId}");
        Assert.Contains(list.QuerySelectorAll("tbody th a"), a => a.GetAttribute("href") == $"/Plans/Versions/{id}");
    }

    [Fact]
    public async Task The_publish_form_without_a_name_shows_the_error_and_stores_nothing()
    {
        var browser = await app.SignedIn(DigipajaApp.WestFacilitator);
        var count = await app.Query(db => db.PlanVersions.IgnoreQueryFilters().CountAsync());
        var form = await browser.GetHtml("/Plans/Publish?level=county");

        var response = await browser.Submit(form, "main form[method=post]", new() { ["Input.Name"] = "  " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Html();
        Assert.Contains("Täytä tämä kenttä.", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("#Input_Name", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("true", page.QuerySelector("#Input_Name")!.GetAttribute("aria-invalid"));
        Assert.Equal(count, await app.Query(db => db.PlanVersions.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Only_facilitators_and_administrators_reach_the_publish_form_and_viewers_read_versions()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var id = await PlanVersionSteps.Publish(api, "/api/v1/plans/county/versions", "Luettavaksi");
        var participant = await app.SignedIn(DigipajaApp.WestParticipant);
        var viewer = await app.SignedIn(DigipajaApp.WestViewer);
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);

        Assert.Equal(HttpStatusCode.Forbidden, await participant.StatusOf("/Plans/Publish?level=county"));
        Assert.Equal(HttpStatusCode.Forbidden, await viewer.StatusOf("/Plans/Publish?level=county"));
        Assert.Equal(HttpStatusCode.OK, await admin.StatusOf("/Plans/Publish?level=County"));
        Assert.Equal(HttpStatusCode.NotFound, await admin.StatusOf($"/Plans/Publish?level=ServiceLine&id={Guid.NewGuid()}"));
        var list = await viewer.GetHtml("/Plans/Versions");
        Assert.Contains(list.QuerySelectorAll("tbody th a"), a => a.GetAttribute("href") == $"/Plans/Versions/{id}");
        var page = await viewer.GetHtml($"/Plans/Versions/{id}");
        Assert.Equal("Luettavaksi", page.QuerySelector("h1")!.TextContent);
        Assert.Null(page.QuerySelector("form[action*='handler=Share']"));
        Assert.Null(page.QuerySelector("a[href^='/Plans/Versions/Copy/']"));
    }

    [Fact]
    public async Task The_compare_page_lists_added_removed_and_changed_entries_under_headings()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "STH");
        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{line.LineId}/plan");
        var url = $"/api/v1/service-lines/{line.LineId}/plan/versions";
        var driver = (await PlanSteps.Note(api, line.ChangeSheetId, new { cellKey = "story-drivers", text = $"Nopea apu {line.Marker}" })).GetProperty("id").GetGuid();
        var first = await PlanVersionSteps.Publish(api, url, "Ennen");
        var useCase = plan.GetProperty("useCases").EnumerateArray().Single(u => u.GetProperty("text").GetString() == line.UseCase).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/notes/{useCase}", new { version = 1, cellKey = "use-cases-during" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/notes/{driver}", new { version = 1, cellKey = "story-changes" })).StatusCode);
        await PlanSteps.Note(api, line.ChatSheetId, new { cellKey = "goals", text = $"Uusi tavoite {line.Marker}" });
        var task = plan.GetProperty("developmentWork").EnumerateArray().Single(w => w.GetProperty("text").GetString() == line.Task).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/notes/{task}", new { version = 1, dueDate = "2027-03-01" })).StatusCode);
        var story = plan.GetProperty("change").EnumerateArray().Single(c => c.GetProperty("note").GetProperty("text").GetString() == line.Story)
            .GetProperty("note").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/notes/{story}")).StatusCode);
        var second = await PlanVersionSteps.Publish(api, url, "Jälkeen");
        var viewer = await app.SignedIn(DigipajaApp.WestViewer);

        var page = await viewer.GetHtml($"/Plans/Versions/Compare?from={first}&to={second}");

        var added = page.QuerySelector("section[aria-labelledby='changes-added']")!;
        Assert.Equal("Lisätty (1)", added.QuerySelector("h2")!.TextContent);
        Assert.Equal("Tavoitteet", added.QuerySelector("h3")!.TextContent);
        Assert.Contains($"Uusi tavoite {line.Marker}", added.TextContent);
        var removed = page.QuerySelector("section[aria-labelledby='changes-removed']")!;
        Assert.Contains(line.Story, removed.TextContent);
        var changed = page.QuerySelector("section[aria-labelledby='changes-changed']")!;
        var entry = changed.QuerySelectorAll("li").First(li => li.TextContent.Contains(line.Task));
        Assert.Equal("15.2.2027", entry.QuerySelector("del")!.TextContent);
        Assert.Equal("1.3.2027", entry.QuerySelector("ins")!.TextContent);
        Assert.Contains("Määräpäivä", entry.TextContent);
        Assert.Contains("ennen:", entry.TextContent);
        // Kinds and cells read as the plan pages name them, not as their keys.
        var kind = changed.QuerySelectorAll("li").First(li => li.TextContent.Contains(line.UseCase));
        Assert.Contains("Laji", kind.TextContent);
        Assert.Equal("Ennen asiakkuutta", kind.QuerySelector("del")!.TextContent);
        Assert.Equal("Asiakkuuden aikana", kind.QuerySelector("ins")!.TextContent);
        var cell = changed.QuerySelectorAll("li").First(li => li.TextContent.Contains($"Nopea apu {line.Marker}"));
        Assert.Contains("Kohta", cell.TextContent);
        Assert.Equal("Muutoksen ajurit", cell.QuerySelector("del")!.TextContent);
        Assert.Equal("Mikä on muuttunut", cell.QuerySelector("ins")!.TextContent);
        Assert.DoesNotContain("story-", changed.TextContent);
        Assert.DoesNotContain("during", changed.TextContent);
        var version = await viewer.GetHtml($"/Plans/Versions/{second}");
        Assert.Equal($"/Plans/Versions/Compare?from={first}&to={second}", version.QuerySelectorAll("a").Single(a => a.GetAttribute("href")!.StartsWith("/Plans/Versions/Compare")).GetAttribute("href"));
    }

    [Fact]
    public async Task Another_county_sees_a_version_page_only_while_it_is_shared_and_copies_its_structure_from_the_page()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "KUN");
        var id = await PlanVersionSteps.Publish(api, $"/api/v1/service-lines/{line.LineId}/plan/versions", $"Sivun jako {line.Marker}");
        var facilitator = await app.SignedIn(DigipajaApp.WestFacilitator);
        var other = await app.SignedIn(DigipajaApp.SecondAdmin);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Plans/Versions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Plans/Versions/Copy/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Plans/Versions/Compare?from={id}&to={id}")).StatusCode);
        Assert.DoesNotContain(line.Marker, (await other.GetHtml("/Plans/Versions/Shared")).Body!.TextContent);

        var page = await facilitator.GetHtml($"/Plans/Versions/{id}");
        var shared = await facilitator.Submit(page, "form[action*='handler=Share']");
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        Assert.Contains("Lopeta jakaminen", (await facilitator.GetHtml($"/Plans/Versions/{id}")).QuerySelector("form[action*='handler=Share'] button")!.TextContent);
        // The page the share form came from is stale now: submitting it again is a conflict, not a silent toggle.
        var stale = await facilitator.Submit(page, "form[action*='handler=Share']");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.NotNull((await stale.Html()).QuerySelector(".error-summary"));
        Assert.True(await app.Query(db => db.PlanVersions.IgnoreQueryFilters().Where(v => v.Id == id).Select(v => v.IsShared).SingleAsync()));

        var sharedList = await other.GetHtml("/Plans/Versions/Shared");
        Assert.Contains(sharedList.QuerySelectorAll("tbody th a"), a => a.GetAttribute("href") == $"/Plans/Versions/{id}");
        var read = await other.GetHtml($"/Plans/Versions/{id}");
        Assert.Contains(line.UseCase, read.QuerySelector("section[aria-labelledby='plan-use-cases']")!.TextContent);
        Assert.Null(read.QuerySelector("form[action*='handler=Share']"));
        Assert.NotNull(read.QuerySelector(".notice--info"));

        var copyPage = await other.GetHtml($"/Plans/Versions/Copy/{id}");
        Assert.Contains(line.Service, copyPage.QuerySelector("#copy-what")!.ParentElement!.TextContent);
        var noLine = await other.Submit(copyPage, "main form[method=post]", new() { ["Input.ServiceLineId"] = line.LineId.ToString() });
        Assert.Equal(HttpStatusCode.OK, noLine.StatusCode);
        Assert.Equal("#Input_ServiceLineId", (await noLine.Html()).QuerySelector(".error-summary a")!.GetAttribute("href"));
        var suu = await PlanSteps.LineId(app, "SUU", "toinen");
        var copied = await other.Submit(copyPage, "main form[method=post]", new() { ["Input.ServiceLineId"] = suu.ToString(), ["Input.Name"] = $"Kopio {line.Marker}" });

        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        Assert.StartsWith("/Workshops/Series/", copied.Headers.Location!.OriginalString);
        var series = await app.Query(db => db.WorkshopSeries.IgnoreQueryFilters().SingleAsync(s => s.Name == $"Kopio {line.Marker}"));
        Assert.Equal(await app.Query(db => db.Counties.Where(c => c.Slug == "toinen").Select(c => c.Id).SingleAsync()), series.CountyId);
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"/Workshops/Series/{series.Id}")).StatusCode);
    }
}
