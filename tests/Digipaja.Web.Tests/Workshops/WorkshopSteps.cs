using System.Net;
using System.Text.RegularExpressions;
using Digipaja.Core.Workshops;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Workshops;

/// <summary>The steps the workshop page tests share: creating a series through its page, inviting, reading ids.</summary>
internal static partial class WorkshopSteps
{
    public const string West = "lansi-uusimaa";

    /// <summary>Posts a form with repeated names (checkbox groups), with the anti-forgery token of the page it came from.</summary>
    public static async Task<HttpResponseMessage> PostFields(this HttpClient client, string url, IEnumerable<(string Name, string Value)> fields, string? pageUrl = null)
    {
        var page = await client.GetStringAsync(pageUrl ?? url);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No anti-forgery token on {pageUrl ?? url}");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>The status a person ends up with: a refusal (Forbid) redirects to the 403 page, which answers 403.</summary>
    public static async Task<HttpStatusCode> Outcome(this HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location
            && location.Contains("/Status/403"))
            return (await client.GetAsync(location)).StatusCode;
        return response.StatusCode;
    }

    public static async Task<HttpStatusCode> StatusOf(this HttpClient client, string url) => await client.Outcome(await client.GetAsync(url));

    public static Task<Guid> LineId(this DigipajaApp app, string code, string county = West) =>
        app.Query(db => db.ServiceLines.IgnoreQueryFilters()
            .Where(l => l.Code == code && db.Counties.Any(c => c.Id == l.CountyId && c.Slug == county)).Select(l => l.Id).SingleAsync());

    public static Task<Guid> UserId(this DigipajaApp app, string email) =>
        app.Query(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static Guid IdFromLocation(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.Headers.Location!.OriginalString.Split('#', '?')[0];
        return Guid.Parse(path[(path.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Creates a series through the New page, as a facilitator does, and returns its id.</summary>
    public static async Task<Guid> CreateSeries(this DigipajaApp app, HttpClient facilitator, string name, params string[] lines)
    {
        var fields = new List<(string, string)> { ("Input.Name", name), ("Input.FunctionalityKeys", "chat"), ("Input.FunctionalityKeys", "video") };
        foreach (var code in lines.Length > 0 ? lines : ["NAO"])
            fields.Add(("Input.ServiceLineIds", (await app.LineId(code)).ToString()));
        return IdFromLocation(await facilitator.PostFields("/Workshops/New", fields));
    }

    public static async Task<HttpResponseMessage> Invite(this HttpClient facilitator, Guid seriesId, Guid userId, string role = "Participant") =>
        await facilitator.PostForm($"/Workshops/Series/{seriesId}?handler=Invite",
            new() { ["Invite.UserId"] = userId.ToString(), ["Invite.Role"] = role }, pageUrl: $"/Workshops/Series/{seriesId}");

    public static Task<List<Workshop>> Workshops(this DigipajaApp app, Guid seriesId) =>
        app.Query(db => db.Workshops.IgnoreQueryFilters().Include(w => w.Agenda).Where(w => w.SeriesId == seriesId)
            .OrderBy(w => w.Number).AsNoTracking().ToListAsync());

    public static async Task<Workshop> Workshop(this DigipajaApp app, Guid seriesId, int number) =>
        (await app.Workshops(seriesId)).Single(w => w.Number == number);

    public static string Unique(string text) => $"{text} {Guid.NewGuid().ToString("N")[..6]}";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
