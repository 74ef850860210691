using Digipaja.Browser.Tests.Infrastructure;
using Microsoft.AspNetCore.Razor.Hosting;

namespace Digipaja.Browser.Tests;

/// <summary>A page that the accessibility and reflow tests open, and who opens it (null: nobody signed in).</summary>
public sealed record AuditedPage(string Path, DemoUser? User, int Status = 200, string? Pending = null)
{
    /// <summary>The name of the test case, e.g. "/Admin/Users as admin@lansi-uusimaa.demo".</summary>
    public string Name => User is null ? $"{Path} anonymously" : $"{Path} as {User.Email}";

    public override string ToString() => Name;
}

/// <summary>
/// THE list of pages checked with axe (WCAG 2.1 A and AA) and for reflow at 320 CSS px.
/// Add every new page here, with the user who may open it.
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
    ];

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

    /// <summary>Whether the app has a Razor page at this path (a query string aside). Status pages take their code as a route value.</summary>
    public static bool AppHasPage(string path)
    {
        var trimmed = path.Split('?')[0].TrimEnd('/');
        return PageRoutes.Value.Contains(trimmed.Length == 0 ? "/" : trimmed, StringComparer.OrdinalIgnoreCase)
            || PageRoutes.Value.Contains(Parent(trimmed), StringComparer.OrdinalIgnoreCase) && trimmed.StartsWith("/Status/");
    }

    private static string Parent(string path) => path[..path.LastIndexOf('/')];

    // Pages are compiled into the app's assembly with their file path: /Features/Admin/Users.cshtml is
    // served at /Admin/Users, and /Features/Admin/Index.cshtml at /Admin.
    private static readonly Lazy<HashSet<string>> PageRoutes = new(() =>
        new RazorCompiledItemLoader().LoadItems(typeof(Program).Assembly)
            .Where(i => i.Kind == "mvc.1.0.razor-page")
            .Select(i => i.Identifier)
            .Where(id => id.StartsWith("/Features/", StringComparison.Ordinal) && !System.IO.Path.GetFileName(id).StartsWith('_'))
            .Select(id => id["/Features".Length..^".cshtml".Length])
            .Select(route => route.EndsWith("/Index", StringComparison.Ordinal) ? route[..^"/Index".Length] : route)
            .Select(route => route.Length == 0 ? "/" : route)
            .ToHashSet(StringComparer.OrdinalIgnoreCase));
}
