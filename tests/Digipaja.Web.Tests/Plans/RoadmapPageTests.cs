using System.Net;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Plans;

public abstract class RoadmapPageTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : RoadmapPageTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : RoadmapPageTests(app);

    [Fact]
    public async Task The_county_roadmap_draws_both_lines_and_holds_the_same_facts_in_its_table()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var first = await PlanSteps.FillLine(app, api, "NAO");
        var second = await PlanSteps.FillLine(app, api, "KAT");

        var page = await (await app.SignedIn(DigipajaApp.WestFacilitator)).GetHtml("/Plans/Roadmap");

        var svg = page.QuerySelector("figure.roadmap-figure svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains(svg.QuerySelectorAll("title"), t => t.TextContent == first.Milestone);
        Assert.Contains(svg.QuerySelectorAll("title"), t => t.TextContent == second.Phase);
        Assert.Contains(svg.QuerySelectorAll("text"), t => t.TextContent == "Q1/2027");
        var rows = page.QuerySelectorAll("table.data tbody tr").ToList();
        var firstRow = rows.Single(r => r.QuerySelector("th")!.TextContent == first.Service);
        Assert.Contains(first.Milestone, firstRow.TextContent);
        Assert.Contains("15.4.2027", firstRow.TextContent);
        Assert.Contains(rows, r => r.QuerySelector("th")!.TextContent == second.Service);
    }

    [Fact]
    public async Task Zooming_to_months_keeps_the_filter_and_labels_the_months()
    {
        var line = await PlanSteps.FillLine(app, await app.Api(DigipajaApp.WestFacilitator), "NAO");
        var browser = await app.SignedIn(DigipajaApp.WestFacilitator);

        var quarter = await browser.GetHtml($"/Plans/Roadmap?line={line.LineId}&functionality=chat");
        var monthLink = quarter.QuerySelectorAll("nav.roadmap-zoom a").Single(a => a.GetAttribute("href")!.Contains("zoom=month")).GetAttribute("href")!;
        var month = await browser.GetHtml(WebUtility.HtmlDecode(monthLink));

        Assert.Contains("functionality=chat", monthLink);
        var labels = month.QuerySelectorAll("figure svg text.roadmap__period").Select(t => t.TextContent).ToList();
        Assert.Equal(["1/2027", "2/2027", "3/2027", "4/2027"], labels);
        Assert.Equal("page", month.QuerySelectorAll("nav.roadmap-zoom a").Single(a => a.GetAttribute("href")!.Contains("zoom=month")).GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Another_countys_line_is_not_found_on_the_roadmap()
    {
        var line = await PlanSteps.FillLine(app, await app.Api(DigipajaApp.WestFacilitator), "NAO");
        var other = await app.SignedIn(DigipajaApp.SecondAdmin);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Plans/Roadmap?line={line.LineId}")).StatusCode);
        Assert.DoesNotContain(line.Marker, await other.GetStringAsync("/Plans/Roadmap"));
    }
}
