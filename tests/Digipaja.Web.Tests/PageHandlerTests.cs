using System.Net;
using System.Text.RegularExpressions;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Digipaja.Web.Tests;

/// <summary>
/// Requests no handler of a page matches. The pages come from the app's own Razor Pages action descriptors, so a
/// new page is covered without touching this test.
/// </summary>
public abstract partial class PageHandlerTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : PageHandlerTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : PageHandlerTests(app);

    private sealed record RoutablePage(string Url, string ViewEnginePath, IReadOnlyList<HandlerMethodDescriptor> Handlers)
    {
        public bool Handles(string method, string? name) =>
            Handlers.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase) && (h.Name is null || string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)));
    }

    private async Task<List<RoutablePage>> Pages()
    {
        var descriptors = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .Where(d => d.AttributeRouteInfo?.Template is not null).ToList();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var pages = new List<RoutablePage>();
        foreach (var descriptor in descriptors)
        {
            var compiled = await loader.LoadAsync(descriptor, new Microsoft.AspNetCore.Http.EndpointMetadataCollection());
            var url = "/" + RouteParameter().Replace(descriptor.AttributeRouteInfo!.Template!, m =>
                m.Groups["constraint"].Value == "guid" ? Guid.NewGuid().ToString() : m.Groups["optional"].Success ? "" : "1").TrimEnd('/');
            pages.Add(new RoutablePage(url, descriptor.ViewEnginePath, compiled.HandlerMethods.ToList()));
        }
        // Index pages are routed both as "/Admin" and "/Admin/Index"; one address each is enough.
        return pages.DistinctBy(p => p.ViewEnginePath).ToList();
    }

    private static async Task<string> AntiforgeryToken(HttpClient client)
    {
        var page = await client.GetStringAsync("/Admin");
        return WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
    }

    [Fact]
    public async Task A_post_that_no_handler_of_a_page_matches_answers_404_or_405_on_every_page()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var token = await AntiforgeryToken(admin);
        var pages = await Pages();
        Assert.True(pages.Count >= 30, $"only {pages.Count} pages found");

        var failures = new List<string>();
        foreach (var page in pages)
        {
            foreach (var handler in new string?[] { null, "NoSuchHandler" })
            {
                if (page.Handles("POST", handler)) continue; // the page's own unnamed handler runs, as it should
                var url = handler is null ? page.Url : $"{page.Url}?handler={handler}";
                var response = await admin.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                var expected = page.Handlers.Any(h => string.Equals(h.HttpMethod, "Post", StringComparison.OrdinalIgnoreCase)) ? HttpStatusCode.NotFound : HttpStatusCode.MethodNotAllowed;
                if (response.StatusCode != expected) failures.Add($"POST {url}: {(int)response.StatusCode}, expected {(int)expected}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_get_with_an_unknown_handler_answers_404_on_every_page_that_has_get_handlers()
    {
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var failures = new List<string>();
        foreach (var page in await Pages())
        {
            if (page.Handles("GET", "NoSuchHandler") || !page.Handlers.Any(h => string.Equals(h.HttpMethod, "Get", StringComparison.OrdinalIgnoreCase))) continue;
            var url = $"{page.Url}?handler=NoSuchHandler";
            var response = await admin.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.NotFound) failures.Add($"GET {url}: {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_post_without_a_handler_to_another_countys_template_is_not_found()
    {
        var other = await app.Query(db => db.WorksheetTemplates.IgnoreQueryFilters()
            .Where(t => db.Counties.Any(c => c.Id == t.CountyId && c.Slug == "toinen")).Select(t => t.Id).FirstAsync());
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var token = await AntiforgeryToken(admin);

        var response = await admin.PostAsync($"/Admin/Templates/Edit/{other}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex(@"\{(?<name>\w+)(?::(?<constraint>\w+))?(?<optional>\?)?\}")]
    private static partial Regex RouteParameter();
}
