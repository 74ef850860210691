using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Api;

public abstract class OrganisationApiTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : OrganisationApiTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : OrganisationApiTests(app);

    [Fact]
    public async Task Organisation_holds_the_callers_county_with_its_five_areas_and_fifteen_lines()
    {
        var api = await app.Api(DigipajaApp.WestViewer);
        var json = await api.GetFromJsonAsync<JsonElement>("/api/v1/organisation");

        Assert.Equal("Länsi-Uudenmaan hyvinvointialue", json.GetProperty("county").GetProperty("name").GetString());
        var areas = json.GetProperty("serviceAreas").EnumerateArray().ToList();
        Assert.Contains(areas, a => a.GetProperty("name").GetString() == "Vammaispalvelut");
        var codes = areas.SelectMany(a => a.GetProperty("serviceLines").EnumerateArray())
            .Select(l => l.GetProperty("code").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "NAO", "KAT", "AP", "SP", "EHK", "KOH", "ERIT", "AVO", "STH", "KUN", "AIK", "MTP", "ASO", "VAM", "ASI" }, codes);
        Assert.All(areas, a => Assert.True(a.TryGetProperty("id", out _)));
    }

    [Fact]
    public async Task Second_county_sees_only_its_own_organisation()
    {
        var api = await app.Api(DigipajaApp.SecondAdmin);
        var json = await api.GetFromJsonAsync<JsonElement>("/api/v1/organisation");

        Assert.Equal("Toinen hyvinvointialue (demo)", json.GetProperty("county").GetProperty("name").GetString());
        var text = json.GetRawText();
        Assert.DoesNotContain("KAT", text);
        Assert.DoesNotContain("ERIT", text);
        Assert.DoesNotContain("Länsi-Uudenmaan", text);
    }

    [Fact]
    public async Task A_user_of_another_county_gets_404_for_a_service_area_and_line_of_the_first()
    {
        var west = await app.Api(DigipajaApp.WestAdmin);
        var organisation = await west.GetFromJsonAsync<JsonElement>("/api/v1/organisation");
        var area = organisation.GetProperty("serviceAreas")[0];
        var areaId = area.GetProperty("id").GetString();
        var lineId = area.GetProperty("serviceLines")[0].GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await west.GetAsync($"/api/v1/service-areas/{areaId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await west.GetAsync($"/api/v1/service-lines/{lineId}")).StatusCode);

        var second = await app.Api(DigipajaApp.SecondAdmin);
        var areaResponse = await second.GetAsync($"/api/v1/service-areas/{areaId}");
        var lineResponse = await second.GetAsync($"/api/v1/service-lines/{lineId}");
        Assert.Equal(HttpStatusCode.NotFound, areaResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lineResponse.StatusCode);
        Assert.Equal("application/problem+json", lineResponse.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Functionalities_list_the_six_wave_one_and_two_functionalities_and_the_later_ones()
    {
        var api = await app.Api(DigipajaApp.WestParticipant);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/functionalities");
        var byKey = list.EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("wave").GetInt32());

        Assert.Equal(1, byKey["chat"]);
        Assert.Equal(1, byKey["messages"]);
        Assert.Equal(1, byKey["forms"]);
        Assert.Equal(2, byKey["video"]);
        Assert.Equal(2, byKey["consultations"]);
        Assert.Equal(2, byKey["health-data"]);
        Assert.Contains("booking", byKey.Keys);
        Assert.Contains("care-paths", byKey.Keys);
        Assert.Contains("assessments", byKey.Keys);
        Assert.All(list.EnumerateArray(), f => Assert.False(string.IsNullOrEmpty(f.GetProperty("name").GetString())));
    }

    [Fact]
    public async Task Metric_library_holds_the_seeds_metrics_with_their_direction()
    {
        var api = await app.Api(DigipajaApp.WestViewer);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/metrics");
        var failureDemand = list.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Häiriökysynnän osuus");
        Assert.Equal("LowerIsBetter", failureDemand.GetProperty("direction").GetString());
        Assert.Contains(list.EnumerateArray(), m => m.GetProperty("name").GetString() == "Sovelluslataukset");
    }

    [Theory]
    [InlineData("/api/v1/organisation")]
    [InlineData("/api/v1/functionalities")]
    [InlineData("/api/v1/metrics")]
    [InlineData("/api/v1/service-lines/0195f0a4-0000-7000-8000-000000000000")]
    public async Task Every_api_read_needs_a_bearer_token(string path)
    {
        var response = await app.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_cookie_is_not_accepted_by_the_api()
    {
        // The API takes bearer tokens only, so a page on another site cannot ride on a browser's cookie.
        var browser = await app.SignedIn(DigipajaApp.WestViewer);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/organisation")).StatusCode);
    }
}
