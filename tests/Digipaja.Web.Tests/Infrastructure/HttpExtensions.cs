using System.Net;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Html.Dom;

namespace Digipaja.Web.Tests.Infrastructure;

public static partial class HttpExtensions
{
    /// <summary>Posts a form the way a browser does: first loads the page for its anti-forgery token.</summary>
    public static async Task<HttpResponseMessage> PostForm(this HttpClient client, string url, Dictionary<string, string> fields, string? pageUrl = null)
    {
        var page = await client.GetStringAsync(pageUrl ?? url);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No anti-forgery token on {pageUrl ?? url}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>
    /// Submits a form exactly as the page renders it: its own action, its hidden fields and the anti-forgery token,
    /// with the given fields filled in. A form with a wrong action fails here as it would for a user.
    /// </summary>
    public static async Task<HttpResponseMessage> Submit(this HttpClient client, IHtmlDocument page, string formSelector, Dictionary<string, string>? fields = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form {formSelector} on the page");
        var values = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in fields ?? []) values[name] = value;
        var action = form.GetAttribute("action") ?? throw new InvalidOperationException($"Form {formSelector} has no action");
        return await client.PostAsync(WebUtility.HtmlDecode(action), new FormUrlEncodedContent(values));
    }

    public static async Task<IHtmlDocument> Html(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(r => r.Content(html));
    }

    public static async Task<IHtmlDocument> GetHtml(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Html();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
