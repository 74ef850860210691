using Digipaja.Browser.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Digipaja.Browser.Tests;

/// <summary>
/// Every page of <see cref="AuditedPages"/> passes axe's WCAG 2.1 A and AA rules on a 1366 px screen and at 200 % zoom,
/// and reflows into 320 CSS px without horizontal scrolling (WCAG 1.4.4, 1.4.10). Every page the app routes has an entry.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture)
{
    /// <summary>A common laptop screen, 1366 × 768.</summary>
    private const int ScreenWidth = 1366, ScreenHeight = 768;

    /// <summary>The same screen at 200 % zoom shows the page 683 × 384 CSS px.</summary>
    private const int ZoomedWidth = ScreenWidth / 2, ZoomedHeight = ScreenHeight / 2;

    /// <summary>WCAG 1.4.10: content must fit 320 CSS px (1280 px at 400 %) without scrolling sideways.</summary>
    private const int ReflowWidth = 320;

    public static TheoryData<string> Pages() => AuditedPages.Existing();

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_axe_violations(string name)
    {
        var page = await OpenAsync(AuditedPages.ByName(name));

        await page.AssertNoViolationsAsync(name);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_axe_violations_at_200_percent_zoom(string name)
    {
        var page = await OpenAsync(AuditedPages.ByName(name), ZoomedWidth, ZoomedHeight);

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
        var page = await NewPageAsync(ZoomedWidth, ZoomedHeight);
        await page.GotoAsync("/Account/SignIn");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeFocusedAsync();

        await page.AssertNoViolationsAsync("the sign-in page with errors at 200 % zoom");
    }

    [Fact]
    public async Task Every_page_the_app_routes_has_an_entry_in_the_audited_pages()
    {
        // The app's own list: every Razor Page with a GET handler of its own (not a named one, such as a cell's partial).
        var services = Fixture.App.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var routes = new List<string>();
        foreach (var page in services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
                     .OfType<PageActionDescriptor>().GroupBy(p => p.ViewEnginePath).Select(g => g.OrderBy(p => p.AttributeRouteInfo!.Template!.Length).First()))
        {
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            if (compiled.HandlerMethods.Any(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) && h.Name is null)) routes.Add("/" + page.AttributeRouteInfo!.Template);
        }
        Assert.NotEmpty(routes);

        var unaudited = routes.Where(route => !AuditedPages.RedirectOnly.Contains(route)
            && !AuditedPages.All.Any(p => AuditedPages.Matches(route, p.Path))).Order().ToList();
        Assert.True(unaudited.Count == 0,
            "Pages without an entry in AuditedPages (add one with the user who may open it and a demo id for its parameters):\n"
            + string.Join("\n", unaudited));

        // A page left out because it only redirects must still only redirect.
        foreach (var path in AuditedPages.RedirectOnly)
        {
            Assert.Contains(path, routes);
            var session = await NewPageAsync(signedInAs: DemoUsers.Viewer);
            var response = await session.GotoAsync(path);
            Assert.Equal(new Uri(Fixture.App.BaseAddress, "/").ToString(), response!.Url);
        }
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
    private async Task<IPage> OpenAsync(AuditedPage audited, int width = ScreenWidth, int height = ScreenHeight)
    {
        var page = await NewPageAsync(width, height, audited.User);
        // A county plan is a large page: on a busy machine it may take longer than the usual ten seconds to load.
        var response = await page.GotoAsync(await AuditedSamples.ResolveAsync(Fixture, audited.Path), new PageGotoOptions { Timeout = 60_000 });
        Assert.NotNull(response);
        Assert.Equal(audited.Status, response.Status);
        if (audited.User is not null)
            await Expect(page.Locator(".site-header__county")).ToHaveTextAsync(audited.User.CountyName);
        return page;
    }
}
