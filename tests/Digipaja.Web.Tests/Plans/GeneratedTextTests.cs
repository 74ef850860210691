using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Tests.Plans;

/// <summary>
/// Generated text (emoji with their joiners, surrogates alone, noncharacters, direction controls, zero-width and
/// control characters, markup, very long strings) thrown at the note API, with a fixed seed so that a failure repeats;
/// then the worksheet and the plan pages are rendered. No answer may be a 500 and nothing the text rules refuse may be
/// stored.
/// </summary>
public abstract class GeneratedTextTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : GeneratedTextTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : GeneratedTextTests(app);

    private const ulong Seed = 20261204;
    private const int Count = 120;

    // Fragments the rules accept, and fragments they refuse in every text.
    private static readonly string[] Accepted =
    [
        "Chat-neuvonta", "Äitiysneuvola ja öljy", "Hälsocentral på svenska", " ", "\n", "\t", "<script>alert(1)</script>", "&amp; \"quoted\" 'x'",
        "😀", "👍🏽", "👨‍👩‍👧", "🏳️‍🌈", "🇫🇮", "e\u0301", "\u200D", "\u200C", "\u200B", "\uFEFF", "\u200F",
        "עברית", "العربية", "中文", "∑∞", "\uFDCF", "\uFDF0",
    ];

    private static readonly string[] Refused =
    [
        "\uFFFF", "\uFFFE", "\uFDD0", "\uFDEF", "\U0001FFFE", "\U0010FFFF", "\u202E", "\u202A", "\u2066", "\u2069",
        "\u0000", "\u0007", "\u001B[31m", "\u0085", ((char)0xD83D).ToString(), ((char)0xDE00).ToString(),
    ];

    private static Gen<string> Texts()
    {
        var accepted = Gen.Elements(Accepted);
        var any = Gen.Frequency((4, accepted), (1, Gen.Elements(Refused)));
        Gen<string> Joined(Gen<string> fragment) => Gen.Choose(1, 8).SelectMany(n => Gen.ListOf(fragment, n)).Select(parts => string.Concat(parts));
        return Gen.Frequency(
            (4, Joined(accepted)),
            (4, Joined(any)),
            (1, Gen.Elements(1990, 1999, 2000, 2001, 2100, 5000).SelectMany(n => any.Select(f => Repeat(f, n)))));
    }

    private static string Repeat(string fragment, int units)
    {
        var text = new StringBuilder();
        while (text.Length < units) text.Append(fragment.Length == 0 ? "x" : fragment);
        return text.ToString();
    }

    /// <summary>JSON with every character outside printable ASCII escaped, so that even a lone surrogate reaches the server as sent.</summary>
    private static StringContent Json(string cellKey, Guid? rowId, string text, string? kind = null, string? start = null)
    {
        var json = new StringBuilder("{\"cellKey\":\"").Append(cellKey).Append('"');
        if (rowId is not null) json.Append(",\"rowId\":\"").Append(rowId).Append('"');
        if (kind is not null) json.Append(",\"kind\":\"").Append(kind).Append("\",\"startDate\":\"").Append(start).Append('"');
        json.Append(",\"text\":\"");
        foreach (var c in text)
            json.Append(c is >= ' ' and <= '~' and not ('"' or '\\') ? c.ToString() : $"\\u{(int)c:x4}");
        json.Append("\"}");
        return new StringContent(json.ToString(), new MediaTypeHeaderValue("application/json"));
    }

    [Fact]
    public async Task Generated_text_is_either_stored_within_the_rules_or_refused_and_every_page_still_renders()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "KAT");
        var sheet = await api.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{line.ChatSheetId}");
        var row = sheet.GetProperty("rows")[0].GetProperty("id").GetGuid();
        var texts = Texts().Sample(30, new Rnd(Seed), Count);

        var answers = new Dictionary<HttpStatusCode, int>();
        var failures = new List<string>();
        for (var i = 0; i < texts.Length; i++)
        {
            var text = texts[i];
            var content = (i % 3) switch
            {
                0 => Json("goals", null, text),
                1 => Json("service-name", row, text),
                _ => Json("development-path", row, text, "phase", $"2027-0{1 + i % 9}-01"),
            };
            var response = await api.PostAsync($"/api/v1/worksheets/{line.ChatSheetId}/notes", content);
            answers[response.StatusCode] = answers.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.BadRequest))
                failures.Add($"#{i} {(int)response.StatusCode} for {Escaped(text)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(answers.GetValueOrDefault(HttpStatusCode.Created) > 10, $"only {answers.GetValueOrDefault(HttpStatusCode.Created)} stored");
        Assert.True(answers.GetValueOrDefault(HttpStatusCode.BadRequest) > 10, $"only {answers.GetValueOrDefault(HttpStatusCode.BadRequest)} refused");

        var stored = await app.Query(db => db.WorksheetItems.IgnoreQueryFilters().Where(i => i.WorksheetId == line.ChatSheetId).Select(i => i.Text).ToListAsync());
        Assert.All(stored, t => Assert.True(TextRules.CheckRequired("text", t, WorksheetItem.TextMaxLength) is null, $"stored {Escaped(t)}"));

        var browser = await app.SignedIn(DigipajaApp.WestFacilitator);
        string[] pages =
        [
            $"/Worksheets/{line.ChatSheetId}", $"/Worksheets/{line.ChatSheetId}?handler=Cell&cellKey=development-path",
            $"/Worksheets/{line.ChatSheetId}/History", $"/Plans/Lines/{line.LineId}", $"/Plans/Areas/{await PlanSteps.AreaOf(app, line.LineId)}",
            $"/Plans/Roadmap?line={line.LineId}", $"/Plans/Roadmap?line={line.LineId}&zoom=month",
        ];
        foreach (var url in pages)
            Assert.True((await browser.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
        foreach (var export in new[] { "plan.docx", "plan.xlsx" })
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/service-lines/{line.LineId}/{export}")).StatusCode);
        var version = await PlanVersionSteps.Publish(api, $"/api/v1/service-lines/{line.LineId}/plan/versions", $"Generoitu {line.Marker}");
        Assert.True((await browser.GetAsync($"/Plans/Versions/{version}")).StatusCode == HttpStatusCode.OK, "version page");
    }

    private static string Escaped(string text) =>
        string.Concat(text.Take(80).Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}")) + (text.Length > 80 ? $"… ({text.Length})" : "");
}
