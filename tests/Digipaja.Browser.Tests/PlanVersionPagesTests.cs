using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests;

/// <summary>
/// The version pages that need a published version (so they cannot be in <see cref="AuditedPages"/>, whose paths are
/// fixed): the version itself, a shared version as another county reads it, the comparison and the copy form, each
/// checked with axe (WCAG 2.1 A and AA) and for reflow at 320 CSS px.
/// </summary>
public sealed class PlanVersionPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private sealed record Published(string First, string Second);

    /// <summary>A line with a service, a use case and a task, published twice with a change between, the second shared.</summary>
    private async Task<Published> PublishTwoVersionsAsync()
    {
        using var http = await Fixture.ApiAsync(DemoUsers.Facilitator);
        var organisation = await http.GetFromJsonAsync<JsonElement>("/api/v1/organisation");
        var line = organisation.GetProperty("serviceAreas").EnumerateArray().SelectMany(a => a.GetProperty("serviceLines").EnumerateArray())
            .Single(l => l.GetProperty("code").GetString() == "AIK").GetProperty("id").GetString();
        var series = await (await http.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { line }, functionalityKeys = new[] { "chat" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var sheet = series.GetProperty("worksheets")[0].GetProperty("id").GetString();
        var row = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{sheet}")).GetProperty("rows")[0].GetProperty("id").GetString();
        await http.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = "service-name", rowId = row, text = "Sosiaalityön chat" });
        await http.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = "use-cases-before", text = "Neuvonta ennen asiakkuutta" });
        var task = await (await http.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = "tasks", text = "Päivystysvuorot", owner = "Esihenkilö", dueDate = "2027-02-01" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/v1/service-lines/{line}/plan/versions";
        var first = await PublishAsync(http, url, "Ensimmäinen luonnos");
        await http.PutAsJsonAsync($"/api/v1/notes/{task.GetProperty("id").GetString()}", new { version = 1, owner = "Tiimivastaava" });
        await http.PostAsJsonAsync($"/api/v1/worksheets/{sheet}/notes", new { cellKey = "use-cases-during", text = "Yhteydenpito asiakkuuden aikana" });
        var second = await PublishAsync(http, url, "Toinen luonnos");
        (await http.PutAsJsonAsync($"/api/v1/plan-versions/{second}/sharing", new { shared = true })).EnsureSuccessStatusCode();
        return new Published(first, second);
    }

    private static async Task<string> PublishAsync(HttpClient http, string url, string name)
    {
        var response = await http.PostAsJsonAsync(url, new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task AssertAccessibleAsync(DemoUser user, string path, string heading)
    {
        foreach (var (width, height) in new[] { (1280, 800), (320, 640) })
        {
            var page = await NewPageAsync(width, height, user);
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("h1")).ToContainTextAsync(heading);
            await page.AssertNoViolationsAsync($"{path} as {user.Email} at {width} px");
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide in a {widths[1]} px window");
        }
    }

    [Fact]
    public async Task Version_compare_shared_and_copy_pages_have_no_axe_violations_and_reflow()
    {
        var versions = await PublishTwoVersionsAsync();

        await AssertAccessibleAsync(DemoUsers.Facilitator, $"/Plans/Versions/{versions.Second}", "Toinen luonnos");
        await AssertAccessibleAsync(DemoUsers.Viewer, $"/Plans/Versions/Compare?from={versions.First}&to={versions.Second}", "Vertaa versioita");
        await AssertAccessibleAsync(DemoUsers.SecondCountyAdministrator, $"/Plans/Versions/{versions.Second}", "Toinen luonnos");
        await AssertAccessibleAsync(DemoUsers.SecondCountyAdministrator, "/Plans/Versions/Shared", "Muiden hyvinvointialueiden");
        await AssertAccessibleAsync(DemoUsers.SecondCountyAdministrator, $"/Plans/Versions/Copy/{versions.Second}", "Kopioi rakenne");
    }

    [Fact]
    public async Task The_share_toggle_and_the_copy_button_work_from_the_keyboard()
    {
        var versions = await PublishTwoVersionsAsync();
        var page = await NewPageAsync(signedInAs: DemoUsers.Facilitator);
        await page.GotoAsync($"/Plans/Versions/{versions.First}");

        var share = page.Locator("form[action*='handler=Share'] button");
        await share.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        await Expect(page.Locator("form[action*='handler=Share'] button")).ToHaveTextAsync("Lopeta jakaminen");

        var other = await NewPageAsync(signedInAs: DemoUsers.SecondCountyAdministrator);
        await other.GotoAsync($"/Plans/Versions/Copy/{versions.First}");
        await other.Locator("#Input_ServiceLineId").SelectOptionAsync(new SelectOptionValue { Label = "VOS – Vastaanottopalvelut" });
        await other.Locator("button[type=submit]", new() { HasText = "Luo työpajasarja" }).FocusAsync();
        await other.Keyboard.PressAsync("Enter");

        await Expect(other).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Workshops/Series/"));
        await Expect(other.Locator(".notice[role=status]")).ToContainTextAsync("Ensimmäinen luonnos");
    }
}
