using Digipaja.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests;

/// <summary>
/// Every page of <see cref="AuditedPages"/> passes axe's WCAG 2.1 A and AA rules, also at 200 % zoom,
/// and reflows into 320 CSS px without horizontal scrolling (WCAG 1.4.4, 1.4.10).
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture)
{
    /// <summary>A 1280 px wide screen at 200 % zoom shows the page 640 CSS px wide.</summary>
    private const int ZoomedWidth = 640;

    /// <summary>WCAG 1.4.10: content must fit 320 CSS px (1280 px at 400 %) without scrolling sideways.</summary>
    private const int ReflowWidth = 320;

    public static TheoryData<string> Pages() => AuditedPages.Existing();

    public static TheoryData<string> ZoomedPages() =>
        [.. AuditedPages.All.Where(p => p.Path is "/Account/SignIn" or "/").Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_axe_violations(string name)
    {
        var page = await OpenAsync(AuditedPages.ByName(name));

        await page.AssertNoViolationsAsync(name);
    }

    [Theory]
    [MemberData(nameof(ZoomedPages))]
    public async Task Page_has_no_axe_violations_at_200_percent_zoom(string name)
    {
        var page = await OpenAsync(AuditedPages.ByName(name), ZoomedWidth, 400);

        await page.AssertNoViolationsAsync(name + " at 200 % zoom");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_reflows_to_320_css_pixels_without_horizontal_scrolling(string name)
    {
        var page = await OpenAsync(AuditedPages.ByName(name), ReflowWidth, 640);

        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        // For the failure message: elements sticking out of the window and not clipped by a scrolling box
        // (an absolutely positioned element is clipped only by a box at or above its containing block).
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => {
                const width = document.documentElement.clientWidth;
                const clipped = e => {
                    const absolute = ['absolute', 'fixed'].includes(getComputedStyle(e).position);
                    let positioned = false;
                    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                        const s = getComputedStyle(a);
                        if (s.overflowX !== 'visible' && (!absolute || positioned || s.position !== 'static')
                            && a.getBoundingClientRect().right <= width + 1) return true;
                        if (s.position !== 'static') positioned = true;
                    }
                    return false;
                };
                return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > width + 1 && !clipped(e))
                    .slice(-5)
                    .map(e => e.outerHTML.slice(0, 160));
            }
            """);
        Assert.True(widths[0] <= widths[1],
            $"{name} is {widths[0]} px wide in a {widths[1]} px window. Too wide: {string.Join(" | ", overflowing)}");
    }

    [Fact]
    public async Task Sign_in_page_with_errors_has_no_axe_violations()
    {
        await Page.GotoAsync("/Account/SignIn");
        await Page.Locator("#Input_Email").FillAsync("nobody@example.test");
        await Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(Page.Locator(".error-summary")).ToBeFocusedAsync();

        await Page.AssertNoViolationsAsync("the sign-in page with errors");
    }

    [Fact]
    public async Task Sign_in_page_with_errors_has_no_axe_violations_at_200_percent_zoom()
    {
        var page = await NewPageAsync(ZoomedWidth, 400);
        await page.GotoAsync("/Account/SignIn");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeFocusedAsync();

        await page.AssertNoViolationsAsync("the sign-in page with errors at 200 % zoom");
    }

    [Fact]
    public void Only_pages_marked_as_pending_may_be_missing_from_the_app()
    {
        foreach (var page in AuditedPages.Missing)
        {
            output.WriteLine($"Not checked yet, the app has no {page.Path}: {page.Pending ?? "NOT PENDING"}");
            Assert.True(page.Pending is not null,
                $"{page.Path} is listed in AuditedPages but the app has no such page. Fix the path or remove the entry.");
        }
    }

    /// <summary>Opens the page as its user, waiting for the load event (site.js, a module, has run by then).</summary>
    private async Task<IPage> OpenAsync(AuditedPage audited, int width = 1280, int height = 800)
    {
        var page = await NewPageAsync(width, height, audited.User);
        var response = await page.GotoAsync(audited.Path);
        Assert.NotNull(response);
        Assert.Equal(audited.Status, response.Status);
        if (audited.User is not null)
            await Expect(page.Locator(".site-header__county")).ToHaveTextAsync(audited.User.CountyName);
        return page;
    }
}
