using System.Net;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Plans;

public abstract class PlanPageTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : PlanPageTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : PlanPageTests(app);

    [Fact]
    public async Task The_line_plan_page_shows_the_four_outputs_with_their_sources()
    {
        var line = await PlanSteps.FillLine(app, await app.Api(DigipajaApp.WestFacilitator), "NAO");
        var page = await (await app.SignedIn(DigipajaApp.WestFacilitator)).GetHtml($"/Plans/Lines/{line.LineId}");

        Assert.Contains("NAO", page.QuerySelector("h1")!.TextContent);
        var roadmapRow = page.QuerySelectorAll("#plan-roadmap ~ .table-wrap tbody tr, section[aria-labelledby='plan-roadmap'] tbody tr")
            .Single(r => r.TextContent.Contains(line.Service));
        Assert.Contains("15.4.2027", roadmapRow.TextContent);
        Assert.Contains(line.Phase, roadmapRow.TextContent);
        // Above the table, the same roadmap drawn in quarters: the service's phase and milestone carry their texts.
        var timeline = page.QuerySelector("section[aria-labelledby='plan-roadmap'] figure.roadmap-figure svg")!;
        Assert.Contains(timeline.QuerySelectorAll("rect.roadmap__phase title"), t => t.TextContent == line.Phase);
        Assert.Contains(timeline.QuerySelectorAll("polygon.roadmap__milestone title"), t => t.TextContent == line.Milestone);
        Assert.Contains(line.UseCase, page.QuerySelector("section[aria-labelledby='plan-use-cases']")!.TextContent);
        var task = page.QuerySelectorAll("section[aria-labelledby='plan-work'] tbody tr").Single(r => r.TextContent.Contains(line.Task));
        Assert.Contains(line.TaskOwner, task.TextContent);
        Assert.Contains("15.2.2027", task.TextContent);
        var goals = page.QuerySelector("section[aria-labelledby='plan-goals']")!;
        Assert.Contains(line.Goal, goals.TextContent);
        Assert.Contains(line.Baseline, goals.TextContent);
        Assert.Contains(line.Story, page.QuerySelector("section[aria-labelledby='plan-change']")!.TextContent);
        var source = page.QuerySelectorAll("section[aria-labelledby='plan-use-cases'] li").Single(li => li.TextContent.Contains(line.UseCase)).QuerySelector("a.source")!;
        Assert.Equal($"/Worksheets/{line.ChatSheetId}#s-basics", source.GetAttribute("href"));
    }

    [Fact]
    public async Task The_county_page_merges_two_lines_and_lists_their_gaps()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var first = await PlanSteps.FillLine(app, api, "NAO");
        var second = await PlanSteps.FillLine(app, api, "KAT");

        var page = await (await app.SignedIn(DigipajaApp.WestFacilitator)).GetHtml("/Plans");

        var roadmap = page.QuerySelector("section[aria-labelledby='plan-roadmap']")!.TextContent;
        Assert.Contains(first.Service, roadmap);
        Assert.Contains(second.Service, roadmap);
        var gaps = page.QuerySelector("section[aria-labelledby='plan-gaps']")!.TextContent;
        Assert.Contains(first.OwnerlessTask, gaps);
        Assert.Contains(second.OwnerlessTask, gaps);
    }

    [Fact]
    public async Task The_filter_form_narrows_the_page_and_a_bad_date_is_explained()
    {
        var line = await PlanSteps.FillLine(app, await app.Api(DigipajaApp.WestFacilitator), "NAO");
        var browser = await app.SignedIn(DigipajaApp.WestFacilitator);

        var forms = await browser.GetHtml($"/Plans/Lines/{line.LineId}?functionality=forms");
        var bad = await browser.GetHtml($"/Plans/Lines/{line.LineId}?from=31.12.2027");

        Assert.DoesNotContain(line.UseCase, forms.QuerySelector("section[aria-labelledby='plan-use-cases']")!.TextContent);
        Assert.Equal("forms", forms.QuerySelector("#f-functionality option[selected]")!.GetAttribute("value"));
        Assert.NotNull(bad.QuerySelector(".plan-filter [role='alert']"));
    }

    [Fact]
    public async Task Viewers_are_sent_to_the_published_versions_and_another_county_finds_no_line()
    {
        var line = await PlanSteps.FillLine(app, await app.Api(DigipajaApp.WestFacilitator), "NAO");
        var viewer = await app.SignedIn(DigipajaApp.WestViewer);
        var other = await app.SignedIn(DigipajaApp.SecondAdmin);

        var viewed = await viewer.GetAsync("/Plans");
        Assert.Equal(HttpStatusCode.Redirect, viewed.StatusCode);
        Assert.Equal("/Plans/Versions", viewed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Plans/Lines/{line.LineId}")).StatusCode);
        Assert.DoesNotContain(line.Marker, await other.GetStringAsync("/Plans"));
    }
}
