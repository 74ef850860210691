using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Plans;

public abstract class PlanVersionTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : PlanVersionTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : PlanVersionTests(app);

    private static IEnumerable<string> Texts(JsonElement plan, string array, string property = "text") =>
        plan.GetProperty(array).EnumerateArray().Select(e => e.GetProperty(property).GetString()!);

    private static async Task UpdateNote(HttpClient api, Guid id, object change)
    {
        var response = await api.PutAsJsonAsync($"/api/v1/notes/{id}", change);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Guid IdOf(JsonElement plan, string array, string text) =>
        plan.GetProperty(array).EnumerateArray().Single(e => e.GetProperty("text").GetString() == text).GetProperty("id").GetGuid();

    private Task<int> VersionCount() => app.Query(db => db.PlanVersions.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task A_published_version_keeps_the_plan_as_it_was_when_the_worksheets_change_later()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");
        var before = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{line.LineId}/plan");

        var id = await PlanVersionSteps.Publish(api, $"/api/v1/service-lines/{line.LineId}/plan/versions", $"Kevät {line.Marker}");
        await UpdateNote(api, IdOf(before, "useCases", line.UseCase), new { text = $"Muokattu {line.Marker}", version = 1 });

        var live = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{line.LineId}/plan");
        var version = await api.GetFromJsonAsync<JsonElement>($"/api/v1/plan-versions/{id}");
        Assert.Contains($"Muokattu {line.Marker}", Texts(live, "useCases"));
        Assert.DoesNotContain(line.UseCase, Texts(live, "useCases"));
        Assert.Contains(line.UseCase, Texts(version, "useCases"));
        Assert.DoesNotContain($"Muokattu {line.Marker}", Texts(version, "useCases"));
        // The snapshot is the live plan's JSON shape: the same properties, the same level and scope.
        Assert.Equal(before.EnumerateObject().Select(p => p.Name), version.EnumerateObject().Select(p => p.Name));
        Assert.Equal("service-line", version.GetProperty("scope").GetProperty("level").GetString());
        Assert.Equal(line.LineId, version.GetProperty("scope").GetProperty("id").GetGuid());
        Assert.Contains(line.Service, Texts(version, "roadmap", "name"));
    }

    [Fact]
    public async Task Publishing_answers_with_the_new_version_which_the_list_describes()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "KAT");
        var area = await PlanSteps.AreaOf(app, line.LineId);

        var response = await api.PostAsJsonAsync($"/api/v1/service-areas/{area}/plan/versions", new { name = $"  Alueen suunnitelma {line.Marker} " });
        var county = await PlanVersionSteps.Publish(api, "/api/v1/plans/county/versions", $"Maakunta {line.Marker}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/plan-versions/{id}", response.Headers.Location?.OriginalString);
        var listed = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/plan-versions?level=service-area&scopeId={area}")).EnumerateArray().ToList();
        var entry = Assert.Single(listed, v => v.GetProperty("id").GetGuid() == id);
        Assert.Equal($"Alueen suunnitelma {line.Marker}", entry.GetProperty("name").GetString());
        Assert.Equal("service-area", entry.GetProperty("level").GetString());
        Assert.Equal(area, entry.GetProperty("scope").GetProperty("id").GetGuid());
        Assert.Equal("IKÄ", entry.GetProperty("scope").GetProperty("code").GetString());
        Assert.Equal("Fanni Fasilitaattori", entry.GetProperty("publishedBy").GetProperty("name").GetString());
        Assert.False(entry.GetProperty("isShared").GetBoolean());
        Assert.True(DateTime.UtcNow - entry.GetProperty("publishedAt").GetDateTime().ToUniversalTime() < TimeSpan.FromMinutes(5));
        Assert.DoesNotContain(listed, v => v.GetProperty("id").GetGuid() == county);
        var all = await api.GetFromJsonAsync<JsonElement>("/api/v1/plan-versions");
        Assert.Contains(all.EnumerateArray(), v => v.GetProperty("id").GetGuid() == county && v.GetProperty("level").GetString() == "county");
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/plan-versions?level=kingdom")).StatusCode);
    }

    [Fact]
    public async Task Comparing_two_versions_reports_what_was_added_removed_and_changed()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "AP");
        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{line.LineId}/plan");
        var url = $"/api/v1/service-lines/{line.LineId}/plan/versions";
        var first = await PlanVersionSteps.Publish(api, url, "Ensimmäinen");

        await PlanSteps.Note(api, line.ChatSheetId, new { cellKey = "use-cases-during", text = $"Uusi käyttötapaus {line.Marker}" });
        await UpdateNote(api, IdOf(plan, "developmentWork", line.Task), new { version = 1, owner = "Palveluesihenkilö" });
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/notes/{IdOf(plan, "developmentWork", line.OwnerlessTask)}")).StatusCode);
        var second = await PlanVersionSteps.Publish(api, url, "Toinen");

        var comparison = await api.GetFromJsonAsync<JsonElement>($"/api/v1/plan-versions/{first}/compare/{second}");

        Assert.Equal(first, comparison.GetProperty("from").GetProperty("id").GetGuid());
        Assert.Equal("Toinen", comparison.GetProperty("to").GetProperty("name").GetString());
        var added = Assert.Single(comparison.GetProperty("added").EnumerateArray());
        Assert.Equal(("use-case", $"Uusi käyttötapaus {line.Marker}"), (added.GetProperty("category").GetString(), added.GetProperty("text").GetString()));
        Assert.Equal("added", added.GetProperty("kind").GetString());
        var removed = Assert.Single(comparison.GetProperty("removed").EnumerateArray());
        Assert.Equal(("work-item", line.OwnerlessTask), (removed.GetProperty("category").GetString(), removed.GetProperty("text").GetString()));
        var changed = Assert.Single(comparison.GetProperty("changed").EnumerateArray());
        Assert.Equal(line.Task, changed.GetProperty("text").GetString());
        var field = Assert.Single(changed.GetProperty("fields").EnumerateArray());
        Assert.Equal(("owner", line.TaskOwner, "Palveluesihenkilö"),
            (field.GetProperty("field").GetString(), field.GetProperty("before").GetString(), field.GetProperty("after").GetString()));
        var same = await api.GetFromJsonAsync<JsonElement>($"/api/v1/plan-versions/{second}/compare/{second}");
        Assert.Equal(0, same.GetProperty("added").GetArrayLength() + same.GetProperty("removed").GetArrayLength() + same.GetProperty("changed").GetArrayLength());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_version_without_a_name_is_refused_and_nothing_is_stored(string? name)
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var count = await VersionCount();

        var response = await api.PostAsJsonAsync("/api/v1/plans/county/versions", new { name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Täytä tämä kenttä."], problem.GetProperty("errors").GetProperty("name").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(count, await VersionCount());
    }

    [Fact]
    public async Task A_name_longer_than_200_characters_is_refused_in_the_callers_language()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sv");
        var count = await VersionCount();

        var response = await api.PostAsJsonAsync("/api/v1/plans/county/versions", new { name = new string('x', 201) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Texten är för lång.", problem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal(count, await VersionCount());
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/plans/county/versions", new { name = new string('x', 200) })).StatusCode);
    }

    [Fact]
    public async Task A_participant_cannot_publish_and_a_viewer_reads_published_versions_but_publishes_none()
    {
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, facilitator, "SP");
        var url = $"/api/v1/service-lines/{line.LineId}/plan/versions";
        var id = await PlanVersionSteps.Publish(facilitator, url, "Luettava");
        var participant = await app.Api(DigipajaApp.WestParticipant);
        var viewer = await app.Api(DigipajaApp.WestViewer);
        var count = await VersionCount();

        Assert.Equal(HttpStatusCode.Forbidden, (await participant.PostAsJsonAsync(url, new { name = "Ei saa" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/plans/county/versions", new { name = "Ei saa" })).StatusCode);
        Assert.Equal(count, await VersionCount());
        var read = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/plan-versions/{id}");
        Assert.Contains(line.UseCase, Texts(read, "useCases"));
        Assert.Contains((await viewer.GetFromJsonAsync<JsonElement>("/api/v1/plan-versions")).EnumerateArray(), v => v.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/plan-versions/{id}/compare/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync($"/api/v1/plan-versions/{id}/sharing", new { shared = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/plan-versions/{id}")).StatusCode);
    }

    [Fact]
    public async Task Another_county_finds_no_unshared_version_and_cannot_publish_our_plans()
    {
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, facilitator, "EHK");
        var area = await PlanSteps.AreaOf(app, line.LineId);
        var id = await PlanVersionSteps.Publish(facilitator, $"/api/v1/service-lines/{line.LineId}/plan/versions", $"Oma {line.Marker}");
        var other = await app.Api(DigipajaApp.SecondAdmin);
        var count = await VersionCount();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/plan-versions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/plan-versions/{id}/compare/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/plan-versions/{id}/sharing", new { shared = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/plan-versions/{id}/copy", new { serviceLineId = await PlanSteps.LineId(app, "VOS", "toinen") })).StatusCode);
        Assert.DoesNotContain(line.Marker, await other.GetStringAsync("/api/v1/shared-plans"));
        Assert.DoesNotContain(line.Marker, await other.GetStringAsync("/api/v1/plan-versions"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/service-lines/{line.LineId}/plan/versions", new { name = "Vieras" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/service-areas/{area}/plan/versions", new { name = "Vieras" })).StatusCode);
        Assert.Equal(count, await VersionCount());
        Assert.False(await app.Query(db => db.PlanVersions.IgnoreQueryFilters().Where(v => v.Id == id).Select(v => v.IsShared).SingleAsync()));
    }

    [Fact]
    public async Task A_shared_version_is_read_only_for_other_counties_and_hidden_again_when_sharing_stops()
    {
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, facilitator, "KOH");
        var id = await PlanVersionSteps.Publish(facilitator, $"/api/v1/service-lines/{line.LineId}/plan/versions", $"Jaettu {line.Marker}");
        var other = await app.Api(DigipajaApp.SecondAdmin);
        var otherViewer = await app.Api(await app.CreateUser("toinen", Role.Viewer));
        var participant = await app.Api(DigipajaApp.WestParticipant);

        Assert.Equal(HttpStatusCode.Forbidden, (await participant.PutAsJsonAsync($"/api/v1/plan-versions/{id}/sharing", new { shared = true })).StatusCode);
        var shared = await facilitator.PutAsJsonAsync($"/api/v1/plan-versions/{id}/sharing", new { shared = true, version = 1 });
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        var sharedBody = await shared.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(sharedBody.GetProperty("isShared").GetBoolean());
        Assert.Equal(2, sharedBody.GetProperty("version").GetInt32());

        var list = await other.GetFromJsonAsync<JsonElement>("/api/v1/shared-plans");
        var entry = Assert.Single(list.EnumerateArray(), v => v.GetProperty("id").GetGuid() == id);
        Assert.Equal("Länsi-Uudenmaan hyvinvointialue", entry.GetProperty("county").GetProperty("name").GetString());
        Assert.DoesNotContain((await facilitator.GetFromJsonAsync<JsonElement>("/api/v1/shared-plans")).EnumerateArray(), v => v.GetProperty("id").GetGuid() == id);
        var read = await otherViewer.GetFromJsonAsync<JsonElement>($"/api/v1/plan-versions/{id}");
        Assert.Contains(line.UseCase, Texts(read, "useCases"));
        Assert.Equal(HttpStatusCode.OK, (await otherViewer.GetAsync($"/api/v1/plan-versions/{id}/compare/{id}")).StatusCode);

        // Read only: every write of another county finds nothing to write to.
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/plan-versions/{id}/sharing", new { shared = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/service-lines/{line.LineId}/plan/versions", new { name = "Vieras" })).StatusCode);
        Assert.True(await app.Query(db => db.PlanVersions.IgnoreQueryFilters().Where(v => v.Id == id).Select(v => v.IsShared).SingleAsync()));

        var stale = await facilitator.PutAsJsonAsync($"/api/v1/plan-versions/{id}/sharing", new { shared = false, version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("current").GetProperty("isShared").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await facilitator.PutAsJsonAsync($"/api/v1/plan-versions/{id}/sharing", new { shared = false, version = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/plan-versions/{id}")).StatusCode);
        Assert.DoesNotContain(line.Marker, await other.GetStringAsync("/api/v1/shared-plans"));
    }

    [Fact]
    public async Task Copying_a_shared_structure_starts_a_series_in_the_copiers_county_only_and_leaves_the_source_as_it_was()
    {
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, facilitator, "ERIT");
        var id = await PlanVersionSteps.Publish(facilitator, $"/api/v1/service-lines/{line.LineId}/plan/versions", $"Mallipohja {line.Marker}");
        Assert.Equal(HttpStatusCode.OK, (await facilitator.PutAsJsonAsync($"/api/v1/plan-versions/{id}/sharing", new { shared = true })).StatusCode);
        var source = await facilitator.GetStringAsync($"/api/v1/plan-versions/{id}");
        var westSeries = await app.Query(db => db.WorkshopSeries.IgnoreQueryFilters().CountAsync(s => s.CountyId == db.Counties.Single(c => c.Slug == "lansi-uusimaa").Id));
        var other = await app.Api(DigipajaApp.SecondAdmin);
        var otherViewer = await app.Api(await app.CreateUser("toinen", Role.Viewer));
        var vos = await PlanSteps.LineId(app, "VOS", "toinen");

        Assert.Equal(HttpStatusCode.Forbidden, (await otherViewer.PostAsJsonAsync($"/api/v1/plan-versions/{id}/copy", new { serviceLineId = vos })).StatusCode);
        var wrongLine = await other.PostAsJsonAsync($"/api/v1/plan-versions/{id}/copy", new { serviceLineId = line.LineId });
        Assert.Equal(HttpStatusCode.BadRequest, wrongLine.StatusCode);
        Assert.True((await wrongLine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("serviceLineId", out _));
        var response = await other.PostAsJsonAsync($"/api/v1/plan-versions/{id}/copy", new { serviceLineId = vos });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var copy = await response.Content.ReadFromJsonAsync<JsonElement>();
        var seriesId = copy.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/workshop-series/{seriesId}", response.Headers.Location?.OriginalString);
        Assert.Equal(["chat"], copy.GetProperty("functionalityKeys").EnumerateArray().Select(k => k.GetString()));
        var series = await other.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-series/{seriesId}");
        Assert.Equal([vos], series.GetProperty("serviceLineIds").EnumerateArray().Select(l => l.GetGuid()));
        Assert.Equal(["chat", null], series.GetProperty("worksheets").EnumerateArray().Select(w => w.GetProperty("functionalityKey").GetString()));
        var chat = series.GetProperty("worksheets").EnumerateArray().First().GetProperty("id").GetGuid();
        var sheet = await other.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{chat}");
        var items = sheet.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal("service-name", i.GetProperty("cellKey").GetString()));
        var name = Assert.Single(items, i => i.GetProperty("text").GetString() == line.Service);
        Assert.Contains(sheet.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetGuid() == name.GetProperty("rowId").GetGuid());
        var otherPlan = await other.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{vos}/plan");
        Assert.Contains(line.Service, Texts(otherPlan, "roadmap", "name"));
        Assert.DoesNotContain(line.UseCase, Texts(otherPlan, "useCases"));

        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"/api/v1/workshop-series/{seriesId}")).StatusCode);
        Assert.Equal(westSeries, await app.Query(db => db.WorkshopSeries.IgnoreQueryFilters().CountAsync(s => s.CountyId == db.Counties.Single(c => c.Slug == "lansi-uusimaa").Id)));
        Assert.Equal(source, await facilitator.GetStringAsync($"/api/v1/plan-versions/{id}"));
    }

    [Fact]
    public async Task Publishing_and_sharing_are_written_to_the_history_without_a_second_copy_of_the_plan()
    {
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, facilitator, "AVO");
        var id = await PlanVersionSteps.Publish(facilitator, $"/api/v1/service-lines/{line.LineId}/plan/versions", $"Historia {line.Marker}");
        Assert.Equal(HttpStatusCode.OK, (await facilitator.PutAsJsonAsync($"/api/v1/plan-versions/{id}/sharing", new { shared = true })).StatusCode);

        var entries = await app.Query(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityType == "PlanVersion" && a.EntityId == id)
            .OrderBy(a => a.Id).ToListAsync());

        Assert.Equal(["added", "modified"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("Fanni Fasilitaattori", e.UserName));
        Assert.Contains($"Historia {line.Marker}", entries[0].After);
        Assert.DoesNotContain(line.UseCase, entries[0].After);
        Assert.Contains("\"IsShared\":true", entries[1].After);
        Assert.Contains("\"IsShared\":false", entries[1].Before);
    }
}

public static class PlanVersionSteps
{
    public static async Task<Guid> Publish(HttpClient api, string url, string name)
    {
        var response = await api.PostAsJsonAsync(url, new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Publishes a filled line's plan and then gives its goal a new text, which the version must not show.</summary>
    public static async Task<Guid> PublishThenEditGoal(HttpClient api, FilledLine line, string name, string newGoal)
    {
        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{line.LineId}/plan");
        var goalId = plan.GetProperty("goals").EnumerateArray().SelectMany(g => g.GetProperty("goals").EnumerateArray())
            .Single(g => g.GetProperty("text").GetString() == line.Goal).GetProperty("id").GetGuid();
        var id = await Publish(api, $"/api/v1/service-lines/{line.LineId}/plan/versions", name);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/notes/{goalId}", new { text = newGoal, version = 1 })).StatusCode);
        return id;
    }
}
