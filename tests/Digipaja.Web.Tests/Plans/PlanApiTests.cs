using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Plans;

public abstract class PlanApiTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : PlanApiTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : PlanApiTests(app);

    private static IEnumerable<string> Texts(JsonElement plan, string array, string property = "text") =>
        plan.GetProperty(array).EnumerateArray().Select(e => e.GetProperty(property).GetString()!);

    [Fact]
    public async Task A_line_plan_holds_the_four_outputs_written_in_its_worksheets()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");

        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{line.LineId}/plan");

        Assert.Equal("service-line", plan.GetProperty("scope").GetProperty("level").GetString());
        var service = plan.GetProperty("roadmap").EnumerateArray().Single(r => r.GetProperty("name").GetString() == line.Service);
        Assert.Equal("2027-04-15", service.GetProperty("goesLive").GetString());
        Assert.Equal("chat", service.GetProperty("functionality").GetProperty("key").GetString());
        Assert.Equal([line.Phase, line.Milestone], service.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("text").GetString()));
        Assert.Contains(line.UseCase, Texts(plan, "useCases"));
        Assert.Contains(plan.GetProperty("useCases").EnumerateArray(), u => u.GetProperty("text").GetString() == line.TargetGroup && u.GetProperty("kind").GetString() == "target-group");
        var task = plan.GetProperty("developmentWork").EnumerateArray().Single(w => w.GetProperty("text").GetString() == line.Task);
        Assert.Equal(line.TaskOwner, task.GetProperty("owner").GetString());
        Assert.Equal("2027-02-15", task.GetProperty("due").GetString());
        var goals = plan.GetProperty("goals").EnumerateArray().Single(g => g.GetProperty("worksheetId").GetGuid() == line.ChatSheetId);
        Assert.Equal([line.Goal], goals.GetProperty("goals").EnumerateArray().Select(g => g.GetProperty("text").GetString()));
        var metric = Assert.Single(goals.GetProperty("metrics").EnumerateArray());
        Assert.Equal(line.MetricName, metric.GetProperty("name").GetString());
        Assert.Equal([line.Baseline], metric.GetProperty("baseline").EnumerateArray().Select(b => b.GetProperty("text").GetString()));
        Assert.Contains(plan.GetProperty("change").EnumerateArray(), c => c.GetProperty("note").GetProperty("text").GetString() == line.Story);
    }

    [Fact]
    public async Task Every_fact_of_the_plan_is_traced_to_the_worksheet_section_and_cell_it_came_from()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");

        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{line.LineId}/plan");

        var useCase = plan.GetProperty("useCases").EnumerateArray().Single(u => u.GetProperty("text").GetString() == line.UseCase);
        var source = useCase.GetProperty("source");
        Assert.Equal(line.ChatSheetId, source.GetProperty("worksheetId").GetGuid());
        Assert.Equal("basics", source.GetProperty("sectionKey").GetString());
        Assert.Equal("use-cases-before", source.GetProperty("cellKey").GetString());
        Assert.Equal("before", useCase.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(plan.GetProperty("labels").GetProperty("cell:use-cases-before").GetProperty("fi").GetString()));
    }

    [Fact]
    public async Task Area_and_county_plans_merge_the_plans_of_their_lines()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var first = await PlanSteps.FillLine(app, api, "NAO");
        var second = await PlanSteps.FillLine(app, api, "KAT");
        var area = await PlanSteps.AreaOf(app, first.LineId);

        var county = await api.GetFromJsonAsync<JsonElement>("/api/v1/plans/county");
        var areaPlan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-areas/{area}/plan");
        var secondLine = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{second.LineId}/plan");

        Assert.Equal("county", county.GetProperty("scope").GetProperty("level").GetString());
        Assert.Contains(first.Service, Texts(county, "roadmap", "name"));
        Assert.Contains(second.Service, Texts(county, "roadmap", "name"));
        Assert.Contains(first.Goal, county.GetProperty("goals").EnumerateArray().SelectMany(g => Texts(g, "goals")));
        Assert.Contains(second.Goal, county.GetProperty("goals").EnumerateArray().SelectMany(g => Texts(g, "goals")));
        Assert.Contains(first.UseCase, Texts(areaPlan, "useCases"));
        Assert.All(areaPlan.GetProperty("serviceLines").EnumerateArray(), l => Assert.Equal(area, l.GetProperty("areaId").GetGuid()));
        Assert.DoesNotContain(first.UseCase, Texts(secondLine, "useCases"));
        Assert.Contains(second.UseCase, Texts(secondLine, "useCases"));
    }

    [Fact]
    public async Task Gaps_show_what_is_missing_from_the_plan()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");

        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{line.LineId}/plan");

        var gaps = plan.GetProperty("gaps").EnumerateArray().Select(g => (Kind: g.GetProperty("kind").GetString(), Subject: g.GetProperty("subject").GetString())).ToList();
        Assert.Contains(("task-without-owner", line.OwnerlessTask), gaps);
        Assert.Contains(("task-without-date", line.OwnerlessTask), gaps);
        Assert.DoesNotContain(("task-without-owner", line.Task), gaps);
        Assert.Contains(("empty-section", "perspectives"), gaps);
        Assert.DoesNotContain(("empty-section", "goals"), gaps);
        Assert.DoesNotContain(gaps, g => g.Kind == "service-without-goal" && g.Subject == line.Service);
    }

    [Fact]
    public async Task A_line_without_worksheet_content_is_a_gap_of_the_county_plan()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var county = await api.GetFromJsonAsync<JsonElement>("/api/v1/plans/county");
        var lines = county.GetProperty("serviceLines").EnumerateArray().Select(l => l.GetProperty("code").GetString()).ToList();
        var withoutPlan = county.GetProperty("gaps").EnumerateArray().Where(g => g.GetProperty("kind").GetString() == "line-without-plan")
            .Select(g => g.GetProperty("serviceLine").GetProperty("code").GetString()).ToList();

        Assert.NotEmpty(withoutPlan);
        Assert.All(withoutPlan, code => Assert.Contains(code, lines));
    }

    [Fact]
    public async Task Private_ideation_notes_and_deleted_notes_stay_out_of_the_plan()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");
        var deleted = await PlanSteps.Note(api, line.ChatSheetId, new { cellKey = "use-cases-during", text = $"Poistettu {line.Marker}" });
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/notes/{deleted.GetProperty("id").GetString()}")).StatusCode);

        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/service-lines/{line.LineId}/plan");

        Assert.DoesNotContain($"Poistettu {line.Marker}", Texts(plan, "useCases"));
    }

    [Fact]
    public async Task Filters_narrow_the_plan_to_a_functionality_and_a_date_range()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");
        var url = $"/api/v1/service-lines/{line.LineId}/plan";

        var chat = await api.GetFromJsonAsync<JsonElement>(url + "?functionality=chat");
        var forms = await api.GetFromJsonAsync<JsonElement>(url + "?functionality=forms");
        var spring = await api.GetFromJsonAsync<JsonElement>(url + "?from=2027-04-01&to=2027-06-30");
        var bad = await api.GetAsync(url + "?from=tomorrow");

        Assert.Contains(line.UseCase, Texts(chat, "useCases"));
        Assert.DoesNotContain(line.UseCase, Texts(forms, "useCases"));
        var service = spring.GetProperty("roadmap").EnumerateArray().Single(r => r.GetProperty("name").GetString() == line.Service);
        Assert.Equal([line.Milestone], service.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("text").GetString()));
        Assert.DoesNotContain(line.Task, Texts(spring, "developmentWork"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_no_current_plan_and_another_county_finds_none_of_ours()
    {
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, facilitator, "NAO");
        var area = await PlanSteps.AreaOf(app, line.LineId);
        var viewer = await app.Api(DigipajaApp.WestViewer);
        var other = await app.Api(DigipajaApp.SecondAdmin);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/plans/county")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/service-lines/{line.LineId}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/service-areas/{area}/plan")).StatusCode);
        var otherCounty = await other.GetStringAsync("/api/v1/plans/county");
        Assert.DoesNotContain(line.Marker, otherCounty);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/plans/county")).StatusCode);
    }
}
