using Digipaja.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests;

/// <summary>Everything must work without a mouse (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7).</summary>
public sealed class KeyboardTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task First_Tab_focuses_the_visible_skip_link_and_Enter_moves_focus_to_main()
    {
        await Page.GotoAsync("/Account/SignIn");

        await Page.Keyboard.PressAsync("Tab");

        var skipLink = Page.Locator("a.skip-link");
        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToBeInViewportAsync();
        var box = await skipLink.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 20 && box.Height > 10, $"The focused skip link is {box.Width} × {box.Height} px, too small to see.");

        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("main#main")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Skip_link_moves_focus_to_main_on_the_home_page_too()
    {
        await Page.SignInAsync(DemoUsers.Facilitator);

        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("a.skip-link")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("main#main")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Sign_in_form_can_be_completed_and_submitted_with_the_keyboard_only()
    {
        await Page.GotoAsync("/Account/SignIn");

        await TabUntilFocusedAsync(Page.Locator("#Input_Email"));
        await Page.Keyboard.TypeAsync(DemoUsers.Participant.Email);
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("#Input_Password")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(DemoUser.Password);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator(".site-header__county")).ToHaveTextAsync(DemoUsers.WestUusimaa);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(DemoUsers.WestUusimaa);
    }

    [Fact]
    public async Task Submit_button_is_reached_with_Tab_and_pressed_with_Enter()
    {
        await Page.GotoAsync("/Account/SignIn");
        await TabUntilFocusedAsync(Page.Locator("#Input_Email"));
        await Page.Keyboard.TypeAsync(DemoUsers.Viewer.Email);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(DemoUser.Password);

        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("main form button[type=submit]")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator(".site-header__county")).ToHaveTextAsync(DemoUsers.WestUusimaa);
    }

    [Fact]
    public async Task Every_control_reached_with_Tab_shows_a_clear_focus_indicator()
    {
        await Page.SignInAsync(DemoUsers.Administrator);
        await Page.GotoAsync("/");

        var seen = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            var focus = await Page.EvaluateAsync<FocusStyle>("""
                () => {
                    const e = document.activeElement;
                    const s = getComputedStyle(e);
                    return { element: `${e.tagName.toLowerCase()} ${(e.textContent || '').trim()}`,
                             outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
                             boxShadow: s.boxShadow };
                }
                """);
            if (focus.Element.StartsWith("body")) break;
            seen.Add(focus.Element);
            var outlined = focus.OutlineStyle != "none" && focus.OutlineWidth >= 3;
            Assert.True(outlined || focus.BoxShadow != "none",
                $"{focus.Element} has no visible focus indicator (outline {focus.OutlineStyle} {focus.OutlineWidth}px, box-shadow {focus.BoxShadow}).");
        }
        Assert.True(seen.Count >= 6, "Tab reached only: " + string.Join(", ", seen));
    }

    private sealed class FocusStyle
    {
        public string Element { get; set; } = "";
        public string OutlineStyle { get; set; } = "";
        public double OutlineWidth { get; set; }
        public string BoxShadow { get; set; } = "";
    }

    private async Task TabUntilFocusedAsync(ILocator target)
    {
        for (var i = 0; i < 20; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }
        Assert.Fail($"Tab never reached {target}.");
    }
}
