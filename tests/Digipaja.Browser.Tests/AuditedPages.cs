using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Browser.Tests.Infrastructure;
using Digipaja.Web.Data;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Digipaja.Browser.Tests;

/// <summary>
/// A page that the accessibility and reflow tests open, and who opens it (null: nobody signed in). A path may name a
/// demo thing in braces, e.g. <c>/Worksheets/{worksheet}</c>; <see cref="AuditedSamples"/> puts its id there when the
/// page is opened.
/// </summary>
public sealed record AuditedPage(string Path, DemoUser? User, int Status = 200, string? Pending = null)
{
    /// <summary>The name of the test case, e.g. "/Admin/Users as admin@lansi-uusimaa.demo".</summary>
    public string Name => User is null ? $"{Path} anonymously" : $"{Path} as {User.Email}";

    public override string ToString() => Name;
}

/// <summary>
/// THE list of pages checked with axe (WCAG 2.1 A and AA) at 1366 px and at 200 % zoom, and for reflow at 320 CSS px.
/// Every page the app routes must have an entry (AccessibilityTests checks it against the app's Razor Pages), with
/// the user who may open it; a page with a route parameter gets a demo thing's id.
/// </summary>
public static class AuditedPages
{
    public static readonly IReadOnlyList<AuditedPage> All =
    [
        new("/Account/SignIn", null),
        new("/", DemoUsers.Administrator),
        new("/", DemoUsers.Facilitator),
        new("/", DemoUsers.Participant),
        new("/", DemoUsers.Viewer),
        new("/", DemoUsers.SecondCountyAdministrator),
        new("/Status/404", null, 404),
        new("/Status/404", DemoUsers.Viewer, 404),
        new("/Admin", DemoUsers.Administrator),
        new("/Admin/ServiceAreas", DemoUsers.Administrator),
        new("/Admin/ServiceLines", DemoUsers.Administrator),
        new("/Admin/Functionalities", DemoUsers.Administrator),
        new("/Admin/Metrics", DemoUsers.Administrator),
        new("/Admin/Users", DemoUsers.Administrator),
        new("/Admin/History", DemoUsers.Administrator),
        new("/Admin/Templates", DemoUsers.Administrator),
        new("/Workshops", DemoUsers.Facilitator),
        new("/Workshops", DemoUsers.Participant),
        new("/Workshops/New", DemoUsers.Facilitator),
        new("/Plans", DemoUsers.Facilitator),
        new("/Plans", DemoUsers.Participant),
        new("/Plans/Roadmap", DemoUsers.Facilitator),
        new("/Plans/Publish?level=county", DemoUsers.Facilitator),
        new("/Plans/Versions", DemoUsers.Facilitator),
        new("/Plans/Versions", DemoUsers.Viewer),
        new("/Plans/Versions/Compare", DemoUsers.Viewer),
        new("/Plans/Versions/Shared", DemoUsers.SecondCountyAdministrator),
        new("/Plans/Versions/{version}", DemoUsers.Viewer),
        new("/Plans/Versions/Compare?from={version}&to={version2}", DemoUsers.Viewer),
        new("/Plans/Versions/Copy/{version}", DemoUsers.Facilitator),
        new("/Plans/Areas/{area}", DemoUsers.Participant),
        new("/Plans/Lines/{line}", DemoUsers.Participant),
        new("/Workshops/Series/{series}", DemoUsers.Facilitator),
        new("/Workshops/Series/{series}", DemoUsers.Participant),
        new("/Workshops/Workshop/{workshop}", DemoUsers.Facilitator),
        new("/Workshops/Invitation/{workshop}", DemoUsers.Facilitator),
        new("/Worksheets/{worksheet}", DemoUsers.Facilitator),
        new("/Worksheets/{worksheet}", DemoUsers.Participant),
        new("/Worksheets/{worksheet}/History", DemoUsers.Facilitator),
        new("/Admin/ServiceAreas/Edit/{area}", DemoUsers.Administrator),
        new("/Admin/ServiceLines/Edit/{line}", DemoUsers.Administrator),
        new("/Admin/Functionalities/Edit/{functionality}", DemoUsers.Administrator),
        new("/Admin/Metrics/Edit/{metric}", DemoUsers.Administrator),
        new("/Admin/Users/Edit/{user}", DemoUsers.Administrator),
        new("/Admin/Templates/Edit/{template}", DemoUsers.Administrator),
    ];

    /// <summary>
    /// Pages whose GET only redirects (to the home page) and so have nothing to check; the test makes sure they still
    /// redirect.
    /// </summary>
    public static readonly IReadOnlyList<string> RedirectOnly = ["/Account/SignOut", "/Language"];

    /// <summary>The pages as theory data, leaving out pending pages the app does not have yet.</summary>
    public static TheoryData<string> Existing()
    {
        var data = new TheoryData<string>();
        foreach (var page in All.Where(p => p.Pending is null || AppHasPage(p.Path))) data.Add(page.Name);
        return data;
    }

    /// <summary>The pages from <see cref="All"/> that are pending and not in the app yet.</summary>
    public static IEnumerable<AuditedPage> Missing => All.Where(p => !AppHasPage(p.Path));

    public static AuditedPage ByName(string name) => All.Single(p => p.Name == name);

    /// <summary>
    /// Whether the app has a Razor page whose route matches this path (a query string aside): literal segments equal, a
    /// route parameter matching any segment (a demo placeholder or a status code), an optional one also none.
    /// </summary>
    public static bool AppHasPage(string path) => PageRoutes.Value.Any(route => Matches(route, path));

    public static bool Matches(string route, string path)
    {
        var wanted = path.Split('?')[0].Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = route.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var parameter = segments[i].StartsWith('{');
            if (i >= wanted.Length) return parameter && segments[i].EndsWith("?}", StringComparison.Ordinal) && i == segments.Length - 1;
            if (!parameter && !string.Equals(segments[i], wanted[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return wanted.Length == segments.Length;
    }

    // Pages are compiled into the app's assembly with their file path and their @page route: /Features/Admin/Users/Edit.cshtml
    // with "{id:guid}" is served at /Admin/Users/Edit/{id:guid}, /Features/Admin/Index.cshtml at /Admin, and a route that
    // starts with a slash replaces the path.
    private static readonly Lazy<List<string>> PageRoutes = new(() =>
        new RazorCompiledItemLoader().LoadItems(typeof(Program).Assembly)
            .Where(i => i.Kind == "mvc.1.0.razor-page")
            .Where(i => i.Identifier.StartsWith("/Features/", StringComparison.Ordinal) && !System.IO.Path.GetFileName(i.Identifier).StartsWith('_'))
            .Select(i =>
            {
                var folder = i.Identifier["/Features".Length..^".cshtml".Length];
                if (folder.EndsWith("/Index", StringComparison.Ordinal)) folder = folder[..^"/Index".Length];
                var template = i.Metadata.OfType<RazorCompiledItemMetadataAttribute>().FirstOrDefault(m => m.Key == "RouteTemplate")?.Value;
                return template switch
                {
                    null or "" => folder.Length == 0 ? "/" : folder,
                    _ when template.StartsWith('/') => template,
                    _ => folder + "/" + template,
                };
            })
            .ToList());
}

/// <summary>The demo things whose ids the audited paths name, read from the running app once per run.</summary>
public static class AuditedSamples
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Dictionary<string, string>? values;

    /// <summary>The path with each {placeholder} replaced by its demo id; an unknown placeholder fails the test.</summary>
    public static async Task<string> ResolveAsync(BrowserFixture fixture, string path)
    {
        if (!path.Contains('{')) return path;
        var known = await ValuesAsync(fixture);
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)\}", m =>
            known.TryGetValue(m.Groups[1].Value, out var id) ? id : throw new InvalidOperationException($"No demo value for {m.Value} in {path}"));
    }

    private static async Task<Dictionary<string, string>> ValuesAsync(BrowserFixture fixture)
    {
        await Gate.WaitAsync();
        try
        {
            if (values is not null) return values;
            // The demo series of the west county, made by its facilitator, and its first worksheet (a board).
            using var api = await fixture.ApiAsync(DemoUsers.Facilitator);
            var sheets = await api.GetFromJsonAsync<JsonElement>("/api/v1/worksheets");
            var sheet = sheets.EnumerateArray().First(s => s.GetProperty("templateKey").GetString() != "change");
            var seriesId = sheet.GetProperty("seriesId").GetString()!;
            var series = await api.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-series/{seriesId}");
            var line = series.GetProperty("serviceLineIds")[0].GetString()!;
            var version = await PublishAsync(api, line, "Saavutettavuus 1");
            var version2 = await PublishAsync(api, line, "Saavutettavuus 2");

            using var scope = fixture.App.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
            var west = await db.Counties.Where(c => c.Slug == "lansi-uusimaa").Select(c => c.Id).SingleAsync();
            var lineId = Guid.Parse(line);
            values = new()
            {
                ["worksheet"] = sheet.GetProperty("id").GetString()!,
                ["series"] = seriesId,
                ["workshop"] = series.GetProperty("workshops")[0].GetProperty("id").GetString()!,
                ["line"] = line,
                ["area"] = (await db.ServiceLines.IgnoreQueryFilters().Where(l => l.Id == lineId).Select(l => l.ServiceAreaId).SingleAsync()).ToString(),
                ["version"] = version,
                ["version2"] = version2,
                ["functionality"] = (await db.Functionalities.IgnoreQueryFilters().Where(f => f.CountyId == west).OrderBy(f => f.Wave).Select(f => f.Id).FirstAsync()).ToString(),
                ["metric"] = (await db.Metrics.IgnoreQueryFilters().Where(m => m.CountyId == west).OrderBy(m => m.Name).Select(m => m.Id).FirstAsync()).ToString(),
                ["template"] = (await db.WorksheetTemplates.IgnoreQueryFilters().Where(t => t.CountyId == west && t.IsActive).OrderBy(t => t.Kind).Select(t => t.Id).FirstAsync()).ToString(),
                ["user"] = (await db.Users.Where(u => u.Email == DemoUsers.Participant.Email).Select(u => u.Id).SingleAsync()).ToString(),
            };
            return values;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> PublishAsync(HttpClient api, string line, string name)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/service-lines/{line}/plan/versions", new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
