using System.Globalization;
using System.Text.RegularExpressions;
using Digipaja.Browser.Tests.Infrastructure;
using Digipaja.Web.Localization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests;

/// <summary>
/// Two people in the same worksheet, in two browsers: each sees the other's notes, timer and votes without reloading.
/// These run on the long form (?view=all), where every section is on screen; the board's own tests are in BoardTests.
/// </summary>
public sealed class LiveWorksheetTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly Texts Texts = new();
    private static string T(string key, params object[] args) => string.Format(CultureInfo.GetCultureInfo("fi"), Texts.Get("fi", key), args);

    private async Task<IPage> OpenLiveAsync(DemoUser user, string sheet)
    {
        var page = await NewPageAsync(signedInAs: user);
        await page.GotoAsync($"/Worksheets/{sheet}?view=all");
        await Expect(page.Locator("#live-status")).ToHaveTextAsync(T("live.connected"));
        return page;
    }

    private static async Task AddNoteAsync(IPage page, string cell, string text)
    {
        var form = page.Locator($"#c-{cell} form.note-form--add");
        await form.Locator("textarea[name='Input.Text']").FillAsync(text);
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator($"#c-{cell} .note__text", new() { HasText = text })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_note_written_in_one_browser_appears_in_the_other_and_is_announced()
    {
        var sheet = await Fixture.NewChatWorksheetAsync("SP");
        var writer = await OpenLiveAsync(DemoUsers.Facilitator, sheet);
        var reader = await OpenLiveAsync(DemoUsers.Administrator, sheet);
        var typing = reader.Locator("#c-customer-value textarea[name='Input.Text']");
        await typing.FillAsync("kesken oleva ajatus");

        await AddNoteAsync(writer, "goals", "Asiakas saa vastauksen saman päivän aikana");

        await Expect(reader.Locator("#c-goals .note__text", new() { HasText = "saman päivän aikana" })).ToBeVisibleAsync();
        // What the reader was typing elsewhere is untouched.
        await Expect(typing).ToHaveValueAsync("kesken oleva ajatus");
        await Expect(reader.Locator("#live-announcer")).ToContainTextAsync("lisäsi kirjauksen", new() { Timeout = 15_000 });
        await Expect(reader.Locator("#presence-list")).ToContainTextAsync("Fanni Fasilitaattori");
        // The writer goes on working in the goals section, and the reader is told so.
        await writer.Locator("#add-goals-text").FocusAsync();
        var goalsSection = await writer.Locator("#c-goals").Locator("xpath=ancestor::section[contains(@class,'ws-section')]").GetAttributeAsync("id");
        var goalsTitle = (await writer.Locator($"#{goalsSection}-title").EvaluateAsync<string>("h => h.firstChild.textContent")).Trim();
        await Expect(reader.Locator("#presence-list")).ToContainTextAsync($"Fanni Fasilitaattori, osiossa {goalsTitle}");
    }

    [Fact]
    public async Task The_facilitators_timer_and_a_dot_vote_show_live_in_the_other_browser()
    {
        var sheet = await Fixture.NewChatWorksheetAsync("AP");
        var facilitator = await OpenLiveAsync(DemoUsers.Facilitator, sheet);
        var other = await OpenLiveAsync(DemoUsers.Administrator, sheet);

        await facilitator.Locator(".timer__controls > summary").ClickAsync();
        await facilitator.Locator("#timer-minutes").FillAsync("5");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = T("live.timer_start") }).ClickAsync();
        await Expect(other.Locator(".timer__display")).ToHaveTextAsync(new Regex(@"^\s*[45]:\d\d"));

        await AddNoteAsync(facilitator, "goals", "Äänestettävä tavoite");
        await facilitator.Locator("#s-goals .facilitator-tools > summary").ClickAsync();
        await facilitator.Locator("#vote-goals").FillAsync("2");
        await facilitator.Locator("#s-goals form").Filter(new() { Has = facilitator.Locator("#vote-goals") }).Locator("button").ClickAsync();
        // The vote opens in place on the other screen, without a reload; the dot cast there counts but is not shown.
        await other.Locator("#c-goals li.note .vote-buttons button.button").First.ClickAsync();
        await Expect(other.Locator("#bar-vote")).ToContainTextAsync(T("board.dots_left", 1));
        await Expect(facilitator.Locator("#c-goals li.note")).Not.ToContainTextAsync(T("vote.count", 1));

        await facilitator.Locator("#s-goals .vote-banner button").ClickAsync();
        await Expect(other.Locator("#s-goals .vote-result li").First).ToContainTextAsync(T("vote.count", 1));
    }

    [Fact]
    public async Task A_browser_that_loses_its_connection_gets_everything_it_missed_when_it_comes_back()
    {
        var sheet = await Fixture.NewChatWorksheetAsync("NAO");
        var writer = await OpenLiveAsync(DemoUsers.Facilitator, sheet);
        var away = await OpenLiveAsync(DemoUsers.Administrator, sheet);

        await away.Context.SetOfflineAsync(true);
        await Expect(away.Locator("#live-status")).ToHaveTextAsync(T("live.reconnecting"));
        await AddNoteAsync(writer, "goals", "Ensimmäinen poissaollessa");
        await AddNoteAsync(writer, "customer-groups", "Toinen poissaollessa");
        await Expect(away.Locator("#c-goals")).Not.ToContainTextAsync("Ensimmäinen poissaollessa");

        await away.Context.SetOfflineAsync(false);

        await Expect(away.Locator("#live-status")).ToHaveTextAsync(T("live.connected"), new() { Timeout = 20_000 });
        await Expect(away.Locator("#c-goals .note__text", new() { HasText = "Ensimmäinen poissaollessa" })).ToBeVisibleAsync();
        await Expect(away.Locator("#c-customer-groups .note__text", new() { HasText = "Toinen poissaollessa" })).ToBeVisibleAsync();
    }
}
