using System.Net;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Admin;

public abstract class OrganisationAdminTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : OrganisationAdminTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : OrganisationAdminTests(app);

    private static string UniqueCode() => "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private async Task<Guid> AreaId(string code) =>
        await app.Query(db => db.ServiceAreas.IgnoreQueryFilters().Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    [Fact]
    public async Task Administrator_adds_a_service_area_and_a_line_that_appear_on_the_home_page_and_in_the_history()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var areaCode = UniqueCode();
        var added = await admin.PostForm("/Admin/ServiceAreas", new() { ["Input.Code"] = areaCode.ToLowerInvariant(), ["Input.Name"] = "  Testipalvelut  " });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var areaId = await AreaId(areaCode);

        var lineCode = UniqueCode();
        var line = await admin.PostForm("/Admin/ServiceLines", new()
        {
            ["Input.ServiceAreaId"] = areaId.ToString(), ["Input.Code"] = lineCode, ["Input.Name"] = "Testilinja",
        });
        Assert.Equal(HttpStatusCode.Redirect, line.StatusCode);

        var home = await (await app.SignedIn(DigipajaApp.WestViewer)).GetHtml("/");
        var card = home.QuerySelectorAll("section.card").Single(s => s.QuerySelector("h3")!.TextContent.Contains("Testipalvelut"));
        Assert.Contains(lineCode, card.TextContent);

        var history = await admin.GetHtml("/Admin/History");
        Assert.Contains(history.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(lineCode) && r.TextContent.Contains("Aino Ylläpitäjä"));
    }

    [Theory]
    [InlineData("", "Nimi", "Input.Code", "Täytä tämä kenttä.")]
    [InlineData("NEW1", "", "Input.Name", "Täytä tämä kenttä.")]
    [InlineData("NA O", "Nimi", "Input.Code", "Tunnuksessa voi olla vain")]
    [InlineData("NEW2", "bad\u0007name", "Input.Name", "ohjausmerkkejä")]
    public async Task Invalid_service_area_gets_a_clear_error_and_stores_nothing(string code, string name, string field, string message)
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var before = await app.Query(db => db.ServiceAreas.IgnoreQueryFilters().CountAsync());

        var response = await admin.PostForm("/Admin/ServiceAreas", new() { ["Input.Code"] = code, ["Input.Name"] = name });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Html();
        var id = field.Replace('.', '_');
        Assert.Contains(message, page.QuerySelector($"#{id}-error")?.TextContent);
        Assert.Equal("true", page.QuerySelector($"#{id}")?.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector($".error-summary a[href='#{id}']"));
        Assert.Equal(before, await app.Query(db => db.ServiceAreas.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Duplicate_line_code_in_the_county_is_refused_whatever_its_case()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var areaId = await AreaId("IKÄ");
        var before = await app.Query(db => db.ServiceLines.IgnoreQueryFilters().CountAsync());

        var response = await admin.PostForm("/Admin/ServiceLines", new()
        {
            ["Input.ServiceAreaId"] = areaId.ToString(), ["Input.Code"] = "nao", ["Input.Name"] = "Toinen NAO",
        });

        var page = await response.Html();
        Assert.Contains("on jo käytössä", page.QuerySelector("#Input_Code-error")?.TextContent);
        Assert.Equal(before, await app.Query(db => db.ServiceLines.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task The_same_code_is_free_in_another_county()
    {
        var admin = await app.SignedIn(DigipajaApp.SecondAdmin);
        var areaId = await AreaId("TER");
        var response = await admin.PostForm("/Admin/ServiceLines", new()
        {
            ["Input.ServiceAreaId"] = areaId.ToString(), ["Input.Code"] = "NAO", ["Input.Name"] = "Neuvonta toisella alueella",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await app.Query(db => db.ServiceLines.IgnoreQueryFilters().CountAsync(l => l.Code == "NAO")));
    }

    [Fact]
    public async Task A_line_cannot_be_put_under_another_countys_area()
    {
        var admin = await app.SignedIn(DigipajaApp.SecondAdmin);
        var westArea = await AreaId("IKÄ");
        var response = await admin.PostForm("/Admin/ServiceLines", new()
        {
            ["Input.ServiceAreaId"] = westArea.ToString(), ["Input.Code"] = UniqueCode(), ["Input.Name"] = "Ujutettu",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.Html()).QuerySelector("#Input_ServiceAreaId-error"));
        Assert.False(await app.Query(db => db.ServiceLines.IgnoreQueryFilters().AnyAsync(l => l.Name == "Ujutettu")));
    }

    [Fact]
    public async Task Another_countys_administrator_gets_404_for_every_edit_page_and_cannot_change_anything()
    {
        var ids = await app.Query(async db => new
        {
            Area = await db.ServiceAreas.IgnoreQueryFilters().Where(a => a.Code == "IKÄ").Select(a => a.Id).SingleAsync(),
            Line = await db.ServiceLines.IgnoreQueryFilters().Where(l => l.Code == "KAT").Select(l => l.Id).SingleAsync(),
            Functionality = await db.Functionalities.IgnoreQueryFilters()
                .Where(f => f.Key == "chat" && db.Counties.Any(c => c.Id == f.CountyId && c.Slug == "lansi-uusimaa")).Select(f => f.Id).SingleAsync(),
            Metric = await db.Metrics.IgnoreQueryFilters()
                .Where(m => m.Name == "Sovelluslataukset" && db.Counties.Any(c => c.Id == m.CountyId && c.Slug == "lansi-uusimaa")).Select(m => m.Id).SingleAsync(),
            User = await db.Users.Where(u => u.Email == DigipajaApp.WestViewer).Select(u => u.Id).SingleAsync(),
        });
        var second = await app.SignedIn(DigipajaApp.SecondAdmin);
        var pages = new[]
        {
            $"/Admin/ServiceAreas/Edit/{ids.Area}", $"/Admin/ServiceLines/Edit/{ids.Line}",
            $"/Admin/Functionalities/Edit/{ids.Functionality}", $"/Admin/Metrics/Edit/{ids.Metric}", $"/Admin/Users/Edit/{ids.User}",
        };
        foreach (var page in pages)
            Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync(page)).StatusCode);

        // A forged post with the other county's id finds nothing either.
        var post = await second.PostForm($"/Admin/ServiceLines/Edit/{ids.Line}",
            new() { ["Input.Code"] = "HACK", ["Input.Name"] = "Hacked", ["Input.Version"] = "1" }, pageUrl: "/Admin/ServiceLines");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("KAT", await app.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Id == ids.Line).Select(l => l.Code).SingleAsync()));

        var usersPage = await second.GetHtml("/Admin/Users");
        Assert.DoesNotContain("lansi-uusimaa", usersPage.Body!.TextContent);
        var historyPage = await second.GetHtml("/Admin/History");
        Assert.DoesNotContain("Aino Ylläpitäjä", historyPage.Body!.TextContent);
    }

    [Fact]
    public async Task An_edit_based_on_a_stale_version_is_refused_and_shows_both_values()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var code = UniqueCode();
        await admin.PostForm("/Admin/ServiceAreas", new() { ["Input.Code"] = code, ["Input.Name"] = "Alkuperäinen" });
        var id = await AreaId(code);

        var first = await admin.PostForm($"/Admin/ServiceAreas/Edit/{id}", new() { ["Input.Code"] = code, ["Input.Name"] = "Ensimmäisen muutos", ["Input.Version"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var stale = await admin.PostForm($"/Admin/ServiceAreas/Edit/{id}", new() { ["Input.Code"] = code, ["Input.Name"] = "Toisen muutos", ["Input.Version"] = "1" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await stale.Html();
        Assert.Contains("Joku muu muutti", page.QuerySelector(".error-summary")?.TextContent);
        Assert.Contains("Ensimmäisen muutos", page.QuerySelector(".conflict")?.TextContent);
        Assert.Equal("Toisen muutos", page.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal("2", page.QuerySelector("#Input_Version")?.GetAttribute("value"));
        Assert.Equal("Ensimmäisen muutos", await app.Query(db => db.ServiceAreas.IgnoreQueryFilters().Where(a => a.Id == id).Select(a => a.Name).SingleAsync()));
    }

    [Fact]
    public async Task Html_in_a_name_is_stored_as_text_and_shown_escaped()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var code = UniqueCode();
        await admin.PostForm("/Admin/ServiceAreas", new() { ["Input.Code"] = code, ["Input.Name"] = "<script>alert(1)</script>" });

        var raw = await (await admin.GetAsync("/Admin/ServiceAreas")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", raw);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", raw);
    }

    [Fact]
    public async Task An_area_with_lines_cannot_be_deleted_but_an_empty_one_can()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var ika = await AreaId("IKÄ");
        var refused = await admin.PostForm($"/Admin/ServiceAreas/Edit/{ika}?handler=Delete", new() { ["Input.Version"] = "1" }, pageUrl: $"/Admin/ServiceAreas/Edit/{ika}");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.True(await app.Query(db => db.ServiceAreas.IgnoreQueryFilters().AnyAsync(a => a.Id == ika)));

        var code = UniqueCode();
        await admin.PostForm("/Admin/ServiceAreas", new() { ["Input.Code"] = code, ["Input.Name"] = "Poistettava" });
        var id = await AreaId(code);
        var deleted = await admin.PostForm($"/Admin/ServiceAreas/Edit/{id}?handler=Delete", new() { ["Input.Version"] = "1" }, pageUrl: $"/Admin/ServiceAreas/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.Query(db => db.ServiceAreas.IgnoreQueryFilters().AnyAsync(a => a.Id == id)));
        Assert.True(await app.Query(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.EntityId == id && e.Action == "deleted")));
    }

    [Fact]
    public async Task A_service_line_that_a_workshop_series_uses_cannot_be_deleted()
    {
        var line = await app.Query(db => db.ServiceLines.IgnoreQueryFilters().SingleAsync(l => l.Code == "MTP"));
        var api = await app.Api(DigipajaApp.WestFacilitator);
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/v1/workshop-series",
            new { serviceLineIds = new[] { line.Id }, functionalityKeys = new[] { "chat" } });

        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var response = await admin.PostForm($"/Admin/ServiceLines/Edit/{line.Id}?handler=Delete", new() { ["Input.Version"] = line.Version.ToString() },
            pageUrl: $"/Admin/ServiceLines/Edit/{line.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("työpajasarjoja", (await response.Html()).QuerySelector(".error-summary")?.TextContent);
        Assert.True(await app.Query(db => db.ServiceLines.IgnoreQueryFilters().AnyAsync(l => l.Id == line.Id)));
    }
}
