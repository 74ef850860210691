using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Browser.Tests.Infrastructure;
using Digipaja.Web.Localization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests;

/// <summary>A facilitator reads the plans that two service lines' worksheets assembled, the way a new user would.</summary>
public sealed class PlanWalkthroughTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly Texts Texts = new();
    private static string T(string key, params object[] args) => string.Format(CultureInfo.GetCultureInfo("fi"), Texts.Get("fi", key), args);

    private sealed record Line(string Code, string Id, string AreaId, string Service, string Goal, string Milestone);

    /// <summary>Fills a chat worksheet of a new series for the line through the API, as a workshop would have.</summary>
    private async Task<Line> FillLineAsync(HttpClient http, string code, string marker)
    {
        var organisation = await http.GetFromJsonAsync<JsonElement>("/api/v1/organisation");
        var (line, area) = organisation.GetProperty("serviceAreas").EnumerateArray()
            .SelectMany(a => a.GetProperty("serviceLines").EnumerateArray().Select(l => (Line: l, Area: a)))
            .Single(x => x.Line.GetProperty("code").GetString() == code);
        var lineId = line.GetProperty("id").GetString()!;
        var series = await (await http.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { lineId }, functionalityKeys = new[] { "chat" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var sheet = series.GetProperty("worksheets")[0].GetProperty("id").GetString();
        var row = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{sheet}")).GetProperty("rows")[0].GetProperty("id").GetString();
        var filled = new Line(code, lineId, area.GetProperty("id").GetString()!, $"Chat {code} {marker}", $"Tavoite {code} {marker}", $"Käyttöön {code} {marker}");
        async Task Note(object note) => (await http.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", note)).EnsureSuccessStatusCode();
        await Note(new { cellKey = "service-name", rowId = row, text = filled.Service });
        await Note(new { cellKey = "goals", text = filled.Goal });
        await Note(new { cellKey = "use-cases-before", text = $"Neuvonta {code} {marker}" });
        await Note(new { cellKey = "tasks", text = $"Tehtävä {code} {marker}", owner = "Osastonhoitaja", dueDate = "2027-01-31" });
        await Note(new { cellKey = "development-path", rowId = row, kind = "phase", text = $"Pilotti {code} {marker}", startDate = "2027-01-01", endDate = "2027-02-28" });
        await Note(new { cellKey = "development-path", rowId = row, kind = "milestone", goLive = true, text = filled.Milestone, startDate = "2027-03-15" });
        return filled;
    }

    [Fact]
    public async Task Two_lines_worksheets_merge_into_the_area_and_county_plans_and_the_roadmap()
    {
        using var http = await Fixture.ApiAsync(DemoUsers.Facilitator);
        var marker = Guid.NewGuid().ToString("N")[..6];
        var nao = await FillLineAsync(http, "NAO", marker);
        var kat = await FillLineAsync(http, "KAT", marker);
        var page = await NewPageAsync(signedInAs: DemoUsers.Facilitator);

        await page.GotoAsync($"/Plans/Lines/{nao.Id}");
        await Expect(page.Locator("section[aria-labelledby='plan-roadmap']")).ToContainTextAsync(nao.Service);
        await Expect(page.Locator("section[aria-labelledby='plan-roadmap']")).Not.ToContainTextAsync(kat.Service);
        await page.AssertNoViolationsAsync("line plan");

        await page.GotoAsync($"/Plans/Areas/{nao.AreaId}");
        await Expect(page.Locator("section[aria-labelledby='plan-goals']")).ToContainTextAsync(nao.Goal);
        await page.AssertNoViolationsAsync("area plan");

        await page.GotoAsync("/Plans");
        var goals = page.Locator("section[aria-labelledby='plan-goals']");
        await Expect(goals).ToContainTextAsync(nao.Goal);
        await Expect(goals).ToContainTextAsync(kat.Goal);
        await page.AssertNoViolationsAsync("county plan");

        // The roadmap, reached from the plan with the keyboard only.
        await page.Locator("a", new() { HasText = T("roadmap.open") }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Plans/Roadmap");
        var svg = page.Locator("figure.roadmap-figure svg");
        await Expect(svg.Locator("title", new() { HasText = nao.Milestone })).ToHaveCountAsync(1);
        await Expect(svg.Locator("title", new() { HasText = kat.Milestone })).ToHaveCountAsync(1);
        await Expect(page.Locator("table.data tbody")).ToContainTextAsync(kat.Service);
        await page.AssertNoViolationsAsync("roadmap");
    }

    [Fact]
    public async Task The_filter_is_used_with_the_keyboard_and_narrows_the_county_plan()
    {
        using var http = await Fixture.ApiAsync(DemoUsers.Facilitator);
        var marker = Guid.NewGuid().ToString("N")[..6];
        var nao = await FillLineAsync(http, "NAO", marker);
        var page = await NewPageAsync(signedInAs: DemoUsers.Facilitator);
        await page.GotoAsync("/Plans");

        await page.Locator("#f-functionality").FocusAsync();
        await page.Locator("#f-functionality").SelectOptionAsync("forms");
        await page.Keyboard.PressAsync("Tab");
        await page.Locator(".plan-filter button[type=submit]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/Plans?functionality=forms*");
        await Expect(page.Locator("section[aria-labelledby='plan-goals']")).Not.ToContainTextAsync(nao.Goal);
        await Expect(page.Locator("#f-functionality")).ToHaveValueAsync("forms");
    }
}
