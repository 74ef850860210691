using System.Globalization;
using Digipaja.Browser.Tests.Infrastructure;
using Digipaja.Web.Localization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests;

/// <summary>
/// The worksheet board as a group uses it: notes written with Enter only, moved by mouse and by keyboard, selected and
/// grouped, the facilitator's actions seen by everyone without a reload, and the bar always on screen.
/// </summary>
public sealed class BoardTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly Texts Texts = new();
    private static string T(string key, params object[] args) => string.Format(CultureInfo.GetCultureInfo("fi"), Texts.Get("fi", key), args);

    private async Task<IPage> OpenBoardAsync(DemoUser user, string sheet, int width = 1366, int height = 768)
    {
        var page = await NewPageAsync(width, height, signedInAs: user);
        await page.GotoAsync($"/Worksheets/{sheet}");
        await Expect(page.Locator("#live-status")).ToHaveTextAsync(T("live.connected"));
        return page;
    }

    private static ILocator Card(IPage page, string cell, string text) => page.Locator($"#c-{cell} li.note", new() { HasText = text });

    [Fact]
    public async Task Five_notes_are_written_with_typing_and_Enter_only_and_focus_stays_in_the_box()
    {
        var sheet = await Fixture.NewChatWorksheetAsync("KAT");
        var page = await OpenBoardAsync(DemoUsers.Facilitator, sheet);
        var box = page.Locator("#add-use-cases-before-text");
        await box.FocusAsync();

        for (var i = 1; i <= 5; i++)
        {
            await page.Keyboard.TypeAsync($"Lappu {i}");
            await page.Keyboard.PressAsync("Enter");
            await Expect(Card(page, "use-cases-before", $"Lappu {i}")).ToBeVisibleAsync();
            await Expect(box).ToBeFocusedAsync();
            await Expect(box).ToHaveValueAsync("");
        }
        // Shift+Enter is a new line within the note, not a new note.
        await page.Keyboard.TypeAsync("Kaksi");
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.Keyboard.TypeAsync("riviä");
        await page.Keyboard.PressAsync("Enter");
        await Expect(Card(page, "use-cases-before", "riviä")).ToBeVisibleAsync();
        Assert.Equal("Kaksi\nriviä", (await Card(page, "use-cases-before", "riviä").Locator("[data-f='text']").TextContentAsync())!.ReplaceLineEndings("\n"));
        await Expect(page.Locator(".board-tabs [data-count-for='basics']")).ToHaveTextAsync("6");
        await page.AssertNoViolationsAsync("the board with new notes");
    }

    [Fact]
    public async Task A_note_dragged_with_the_mouse_and_one_moved_with_the_keyboard_move_in_the_other_browser_too()
    {
        var sheet = await Fixture.NewChatWorksheetAsync("EHK");
        var page = await OpenBoardAsync(DemoUsers.Facilitator, sheet);
        var other = await OpenBoardAsync(DemoUsers.Administrator, sheet);
        foreach (var text in new[] { "Hiirellä", "Näppäimillä" })
        {
            await page.Locator("#add-use-cases-before-text").FillAsync(text);
            await page.Locator("#add-use-cases-before-text").PressAsync("Enter");
            await Expect(Card(other, "use-cases-before", text)).ToBeVisibleAsync();
        }

        await Card(page, "use-cases-before", "Hiirellä").DragToAsync(page.Locator("#c-use-cases-between .cell__content"));
        await Expect(Card(page, "use-cases-between", "Hiirellä")).ToBeVisibleAsync();
        await Expect(Card(other, "use-cases-between", "Hiirellä")).ToBeVisibleAsync();
        await Expect(Card(other, "use-cases-before", "Hiirellä")).ToHaveCountAsync(0);

        var move = Card(page, "use-cases-before", "Näppäimillä").Locator("[data-action='pick-up']");
        await move.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#live-announcer")).ToContainTextAsync("Näppäimillä");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("#live-announcer")).ToContainTextAsync(T("board.move_target", "").Trim());
        await page.Keyboard.PressAsync("Enter");
        await Expect(Card(page, "use-cases-during", "Näppäimillä")).ToBeVisibleAsync();
        await Expect(Card(other, "use-cases-during", "Näppäimillä")).ToBeVisibleAsync();
        await Expect(page.Locator("#live-announcer")).ToContainTextAsync(T("board.dropped", "Asiakkuuden aikana"));
        await page.AssertNoViolationsAsync("the board after moves");
    }

    [Fact]
    public async Task Selected_notes_are_grouped_under_one_title_and_the_group_shows_for_everyone()
    {
        var sheet = await Fixture.NewChatWorksheetAsync("AIK");
        var page = await OpenBoardAsync(DemoUsers.Facilitator, sheet);
        var other = await OpenBoardAsync(DemoUsers.Administrator, sheet);
        foreach (var text in new[] { "Ajanvaraus", "Peruutus", "Muu asia" })
        {
            await page.Locator("#add-use-cases-during-text").FillAsync(text);
            await page.Locator("#add-use-cases-during-text").PressAsync("Enter");
            await Expect(Card(page, "use-cases-during", text)).ToBeVisibleAsync();
        }

        await Card(page, "use-cases-during", "Ajanvaraus").Locator("[data-f='select']").CheckAsync();
        await Card(page, "use-cases-during", "Peruutus").Locator("[data-f='select']").CheckAsync();
        await Expect(page.Locator("#selection-count")).ToHaveTextAsync(T("board.selected", 2));
        await page.AssertNoViolationsAsync("the board with a selection");
        await page.Locator("#bulk-group").FillAsync("Ajat");
        await page.Locator("#selection-bar").GetByRole(AriaRole.Button, new() { Name = T("board.apply") }).ClickAsync();

        var cluster = other.Locator("#c-use-cases-during .note-cluster[data-group='Ajat']");
        await Expect(cluster.Locator("li.note")).ToHaveCountAsync(2);
        await Expect(other.Locator("#c-use-cases-during ul.notes[data-group=''] li.note")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Muu asia"));
        await Expect(page.Locator("#selection-bar")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task What_the_facilitator_starts_and_opens_appears_for_the_participant_without_a_reload()
    {
        var sheet = await Fixture.NewChatWorksheetAsync("MTP");
        var facilitator = await OpenBoardAsync(DemoUsers.Facilitator, sheet);
        var participant = await OpenBoardAsync(DemoUsers.Administrator, sheet);
        await participant.Locator("#add-customer-groups-text").EvaluateAsync("e => e.value = 'kesken'");

        await facilitator.Locator("#s-basics .facilitator-tools > summary").ClickAsync();
        await facilitator.Locator("#s-basics").GetByRole(AriaRole.Button, new() { NameRegex = new(T("worksheet.start_ideation")) }).ClickAsync();
        await Expect(participant.Locator("#bar-ideation")).ToBeVisibleAsync();
        await Expect(participant.Locator("#bar-ideation .bar__countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[45]:\d\d$"));
        await Expect(participant.Locator("#s-basics .ideation-banner")).ToBeVisibleAsync();

        await facilitator.Locator("[data-section='goals']").First.ClickAsync();
        await facilitator.Locator("#s-goals .facilitator-tools > summary").ClickAsync();
        await facilitator.Locator("#s-goals").GetByRole(AriaRole.Button, new() { NameRegex = new(T("vote.open")) }).ClickAsync();
        await Expect(participant.Locator("#bar-vote")).ToBeVisibleAsync();
        await Expect(participant.Locator("#bar-vote")).ToContainTextAsync(T("board.dots_left", 3));
        // What the participant was typing elsewhere survived the board's update.
        await Expect(participant.Locator("#add-customer-groups-text")).ToHaveValueAsync("kesken");
        await participant.AssertNoViolationsAsync("the board during ideation and a vote");
    }

    [Fact]
    public async Task The_timer_stays_on_screen_while_scrolling_and_follow_me_survives_a_reload()
    {
        var sheet = await Fixture.NewChatWorksheetAsync("ASO");
        var facilitator = await OpenBoardAsync(DemoUsers.Facilitator, sheet);
        var follower = await OpenBoardAsync(DemoUsers.Administrator, sheet, width: 390, height: 800);
        await facilitator.Locator(".timer__controls > summary").ClickAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = T("live.timer_start") }).ClickAsync();

        await follower.Mouse.WheelAsync(0, 3000);
        await Expect(follower.Locator(".timer__display")).ToBeInViewportAsync();
        await Expect(follower.Locator(".timer__display")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*[45]:\d\d"));

        await follower.Locator("#follow-facilitator").CheckAsync();
        await follower.ReloadAsync();
        await Expect(follower.Locator("#live-status")).ToHaveTextAsync(T("live.connected"));
        await Expect(follower.Locator("#follow-facilitator")).ToBeCheckedAsync();
        await facilitator.Locator("[data-section='operations']").First.ClickAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = T("board.bring_everyone") }).ClickAsync();
        await Expect(follower.Locator("#s-operations")).ToBeVisibleAsync();
        await Expect(follower.Locator("#s-basics")).ToBeHiddenAsync();
        await follower.AssertNoViolationsAsync("the board at 390 px");
    }
}
