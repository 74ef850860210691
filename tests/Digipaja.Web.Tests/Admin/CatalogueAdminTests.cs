using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Core.Catalogue;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Admin;

public abstract class CatalogueAdminTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : CatalogueAdminTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : CatalogueAdminTests(app);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Administrator_adds_a_functionality_that_the_api_lists_in_its_wave()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var key = Unique("robot-");
        var response = await admin.PostForm("/Admin/Functionalities", new()
        {
            ["Input.Name"] = "Asiointirobotti", ["Input.Key"] = key, ["Input.Wave"] = "4", ["Input.Description"] = "Kokeilu",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var list = await (await app.Api(DigipajaApp.WestViewer)).GetFromJsonAsync<JsonElement>("/api/v1/functionalities");
        var added = list.EnumerateArray().Single(f => f.GetProperty("key").GetString() == key);
        Assert.Equal(4, added.GetProperty("wave").GetInt32());
        var second = await (await app.Api(DigipajaApp.SecondAdmin)).GetFromJsonAsync<JsonElement>("/api/v1/functionalities");
        Assert.DoesNotContain(second.EnumerateArray(), f => f.GetProperty("key").GetString() == key);
    }

    [Theory]
    [InlineData("chat", "1", "Input_Key", "on jo käytössä")]
    [InlineData("Iso Avain", "1", "Input_Key", "pieniä kirjaimia")]
    [InlineData("ok-key", "kymmenen", "Input_Wave", "1–9")]
    [InlineData("ok-key", "0", "Input_Wave", "1–9")]
    public async Task Invalid_functionality_is_refused_with_a_field_error(string key, string wave, string fieldId, string message)
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var before = await app.Query(db => db.Functionalities.IgnoreQueryFilters().CountAsync());
        var response = await admin.PostForm("/Admin/Functionalities", new() { ["Input.Name"] = "X", ["Input.Key"] = key, ["Input.Wave"] = wave });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.Html()).QuerySelector($"#{fieldId}-error")?.TextContent);
        Assert.Equal(before, await app.Query(db => db.Functionalities.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Administrator_renames_a_functionality_and_the_change_is_in_the_history()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var key = Unique("f-");
        await admin.PostForm("/Admin/Functionalities", new() { ["Input.Name"] = "Vanha nimi", ["Input.Key"] = key, ["Input.Wave"] = "3" });
        var f = await app.Query(db => db.Functionalities.IgnoreQueryFilters().SingleAsync(x => x.Key == key));

        var saved = await admin.PostForm($"/Admin/Functionalities/Edit/{f.Id}", new()
        {
            ["Input.Name"] = "Uusi nimi", ["Input.Key"] = key, ["Input.Wave"] = "3", ["Input.Version"] = f.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var entry = await app.Query(db => db.AuditEntries.IgnoreQueryFilters().Where(e => e.EntityId == f.Id && e.Action == "modified").SingleAsync());
        Assert.Contains("Vanha nimi", entry.Before);
        Assert.Contains("Uusi nimi", entry.After);
        Assert.NotNull(entry.UserId);
    }

    [Fact]
    public async Task Administrator_adds_a_metric_with_its_direction_and_duplicates_are_refused()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var name = Unique("Jonotusaika ");
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Definition"] = "Aika yhteydenotosta vastaukseen", ["Input.Unit"] = "min",
            ["Input.Direction"] = "LowerIsBetter", ["Input.DataSource"] = "Asiointialusta",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostForm("/Admin/Metrics", fields)).StatusCode);
        var metric = await app.Query(db => db.Metrics.IgnoreQueryFilters().SingleAsync(m => m.Name == name));
        Assert.Equal(MetricDirection.LowerIsBetter, metric.Direction);

        var duplicate = await admin.PostForm("/Admin/Metrics", fields);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.NotNull((await duplicate.Html()).QuerySelector("#Input_Name-error"));
        Assert.Equal(1, await app.Query(db => db.Metrics.IgnoreQueryFilters().CountAsync(m => m.Name == name)));
    }

    [Fact]
    public async Task A_metric_with_an_unknown_direction_is_refused()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var response = await admin.PostForm("/Admin/Metrics", new() { ["Input.Name"] = Unique("M "), ["Input.Direction"] = "Sideways" });
        Assert.NotNull((await response.Html()).QuerySelector("#Input_Direction-error"));
    }
}
