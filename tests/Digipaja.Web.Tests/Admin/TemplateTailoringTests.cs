using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Admin;

public abstract class TemplateTailoringTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : TemplateTailoringTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : TemplateTailoringTests(app);

    private Task<WorksheetTemplate> Active(string county, string kind) => app.Query(db => db.WorksheetTemplates.IgnoreQueryFilters()
        .Where(t => t.Kind == kind && t.IsActive && db.Counties.Any(c => c.Id == t.CountyId && c.Slug == county)).SingleAsync());

    [Fact]
    public async Task Every_county_has_its_own_copy_of_both_built_in_templates()
    {
        // Other tests tailor the second county's templates, so look at the first versions, which never change.
        Task<WorksheetTemplate> BuiltIn(string county, string kind) => app.Query(db => db.WorksheetTemplates.IgnoreQueryFilters()
            .Where(t => t.Key == kind && t.Version == 1 && db.Counties.Any(c => c.Id == t.CountyId && c.Slug == county)).SingleAsync());
        var west = await BuiltIn("lansi-uusimaa", "functionality");
        var second = await BuiltIn("toinen", "functionality");
        Assert.NotEqual(west.Id, second.Id);
        Assert.Empty(west.Parse().Problems());
        Assert.Equal(6, west.Parse().Sections.Count);
        Assert.Equal(4, (await BuiltIn("lansi-uusimaa", "change")).Parse().Sections.Count);
    }

    [Fact]
    public async Task A_copy_is_tailored_by_adding_and_removing_fields_and_sections_and_then_used_for_new_worksheets()
    {
        var admin = await app.SignedIn(DigipajaApp.SecondAdmin);
        var source = await Active("toinen", "change");
        var copied = await admin.PostForm("/Admin/Templates?handler=Copy", new() { ["id"] = source.Id.ToString() }, pageUrl: "/Admin/Templates");
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var copyPath = copied.Headers.Location!.OriginalString;
        var copyId = Guid.Parse(copyPath.Split('/').Last());

        async Task<HttpResponseMessage> Post(string handler, Dictionary<string, string> fields)
        {
            var revision = await app.Query(db => db.WorksheetTemplates.IgnoreQueryFilters().Where(t => t.Id == copyId).Select(t => t.Revision).SingleAsync());
            fields["Revision"] = revision.ToString();
            return await admin.PostForm($"{copyPath}?{handler}", fields, pageUrl: copyPath);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await Post("handler=Name", new() { ["Title.Fi"] = "Oma muutospohja", ["Title.Sv"] = "Eget underlag", ["Title.En"] = "Our change sheet" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("handler=AddCell&section=story", new() { ["Key"] = "story-customer", ["Kind"] = "Notes", ["Title.Fi"] = "Asiakkaan tarina" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("handler=RemoveCell&cell=story-drivers", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("handler=Section&section=story", new() { ["Title.Fi"] = "Tarina", ["Text2.Fi"] = "Uusi ohje", ["IdeationMinutes"] = "3" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("handler=AddSection", new() { ["Key"] = "lessons", ["Title.Fi"] = "Opit" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("handler=RemoveSection&section=communication", [])).StatusCode);

        var tailored = await app.Query(db => db.WorksheetTemplates.IgnoreQueryFilters().SingleAsync(t => t.Id == copyId));
        var definition = tailored.Parse();
        Assert.Equal("Oma muutospohja", tailored.Name);
        Assert.NotNull(definition.FindCell("story-customer"));
        Assert.Null(definition.FindCell("story-drivers"));
        Assert.Equal("Uusi ohje", definition.Sections.Single(s => s.Key == "story").Guidance.In("fi"));
        Assert.Contains(definition.Sections, s => s.Key == "lessons");
        Assert.DoesNotContain(definition.Sections, s => s.Key == "communication");

        await admin.PostForm("/Admin/Templates?handler=Activate", new() { ["id"] = copyId.ToString() }, pageUrl: "/Admin/Templates");
        var api = await app.Api(DigipajaApp.SecondAdmin);
        var line = await app.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Code == "VOS").Select(l => l.Id).SingleAsync());
        var series = await (await api.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { line }, functionalityKeys = new[] { "chat" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var changeSheet = series.GetProperty("worksheets").EnumerateArray().Single(w => w.GetProperty("templateKey").GetString() == tailored.Key);
        var sheet = await api.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{changeSheet.GetProperty("id").GetString()}");
        Assert.Contains(sheet.GetProperty("sections").EnumerateArray(), s => s.GetProperty("key").GetString() == "lessons");
    }

    [Fact]
    public async Task Tailoring_a_template_in_use_makes_a_new_version_and_existing_worksheets_keep_theirs()
    {
        // In the second county, so that the first county's tests keep the built-in template.
        var api = await app.Api(DigipajaApp.SecondAdmin);
        var line = await app.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Code == "SUU").Select(l => l.Id).SingleAsync());
        var series = await (await api.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { line }, functionalityKeys = new[] { "forms" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var sheetId = series.GetProperty("worksheets")[0].GetProperty("id").GetString();
        var used = await Active("toinen", "functionality");

        var admin = await app.SignedIn(DigipajaApp.SecondAdmin);
        var response = await admin.PostForm($"/Admin/Templates/Edit/{used.Id}?handler=RemoveCell&cell=current-tools", new() { ["Revision"] = used.Revision.ToString() },
            pageUrl: $"/Admin/Templates/Edit/{used.Id}");
        // The section "current" had one cell only: removing it is refused and nothing changes.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var renamed = await admin.PostForm($"/Admin/Templates/Edit/{used.Id}?handler=RemoveSection&section=current", new() { ["Revision"] = used.Revision.ToString() },
            pageUrl: $"/Admin/Templates/Edit/{used.Id}");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var newActive = await Active("toinen", "functionality");
        Assert.NotEqual(used.Id, newActive.Id);
        Assert.Equal(used.Version + 1, newActive.Version);
        Assert.DoesNotContain(newActive.Parse().Sections, s => s.Key == "current");
        var unchanged = await app.Query(db => db.WorksheetTemplates.IgnoreQueryFilters().SingleAsync(t => t.Id == used.Id));
        Assert.Equal(used.Definition, unchanged.Definition);
        var sheet = await api.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{sheetId}");
        Assert.Contains(sheet.GetProperty("sections").EnumerateArray(), s => s.GetProperty("key").GetString() == "current");
        Assert.Equal(used.Version, sheet.GetProperty("template").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_stale_revision_is_refused_and_an_empty_title_stores_nothing()
    {
        var admin = await app.SignedIn(DigipajaApp.SecondAdmin);
        var source = await Active("toinen", "functionality");
        var copied = await admin.PostForm("/Admin/Templates?handler=Copy", new() { ["id"] = source.Id.ToString() }, pageUrl: "/Admin/Templates");
        var path = copied.Headers.Location!.OriginalString;
        var id = Guid.Parse(path.Split('/').Last());

        var first = await admin.PostForm($"{path}?handler=Name", new() { ["Revision"] = "1", ["Title.Fi"] = "Ensimmäinen" }, pageUrl: path);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var stale = await admin.PostForm($"{path}?handler=Name", new() { ["Revision"] = "1", ["Title.Fi"] = "Toinen" }, pageUrl: path);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Joku muu muutti", (await stale.Html()).QuerySelector(".error-summary")?.TextContent);
        var empty = await admin.PostForm($"{path}?handler=Name", new() { ["Revision"] = "2", ["Title.Fi"] = " " }, pageUrl: path);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("Ensimmäinen", await app.Query(db => db.WorksheetTemplates.IgnoreQueryFilters().Where(t => t.Id == id).Select(t => t.Name).SingleAsync()));
    }

    [Fact]
    public async Task Another_countys_administrator_cannot_see_or_tailor_the_templates()
    {
        var west = await Active("lansi-uusimaa", "functionality");
        var other = await app.SignedIn(DigipajaApp.SecondAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Admin/Templates/Edit/{west.Id}")).StatusCode);
        var post = await other.PostForm($"/Admin/Templates/Edit/{west.Id}?handler=Name", new() { ["Revision"] = west.Revision.ToString(), ["Title.Fi"] = "Kaapattu" }, pageUrl: "/Admin/Templates");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var copy = await other.PostForm("/Admin/Templates?handler=Copy", new() { ["id"] = west.Id.ToString() }, pageUrl: "/Admin/Templates");
        Assert.Equal(HttpStatusCode.NotFound, copy.StatusCode);
        Assert.DoesNotContain("Länsi", (await other.GetHtml("/Admin/Templates")).Body!.TextContent);
    }
}
