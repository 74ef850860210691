using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Digipaja.Web.Tests.Security;

public abstract partial class AuthorizationMatrixTests
{
    /// <summary>The west county's things the matrix points at, made fresh for it so that nothing it changes matters to another test.</summary>
    public sealed class Samples
    {
        public Guid Series, Sheet, Note, Row, Workshop, AgendaItem, Member, Line, Area, VersionA, VersionB;
        public Guid AdminArea, AdminLine, Template, TemplateCopy, Functionality, Metric, User;
        public int NoteVersion;
        public string SectionKey = "", CellKey = "";

        /// <summary>Every id above: none may appear in what another county's user is answered.</summary>
        public IEnumerable<Guid> WestIds => [Series, Sheet, Note, Row, Workshop, AgendaItem, Member, VersionA, VersionB, AdminArea, AdminLine,
            Template, TemplateCopy, Functionality, Metric, User];
    }

    /// <summary>What a parameter is given: a west county id (another county must get 404 for it), a plain value, or an id that exists nowhere.</summary>
    public enum ValueKind { WestId, Plain, Nowhere }

    public sealed record Value(Func<Samples, string?> Of, ValueKind Kind = ValueKind.WestId);

    private static Value West(Func<Samples, Guid> id) => new(s => id(s).ToString());
    private static Value Plain(string? value) => new(_ => value, ValueKind.Plain);
    private static Value Plain(Func<Samples, string?> value) => new(value, ValueKind.Plain);
    private static readonly Value Nowhere = new(_ => Guid.NewGuid().ToString(), ValueKind.Nowhere);

    /// <summary>
    /// Route parameters by the route up to the parameter (<see cref="AppEndpoints.ParameterKey"/>). A route parameter
    /// without an entry fails the matrix, so a new route cannot go untested.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Value> RouteValues = new Dictionary<string, Value>
    {
        ["/Admin/Functionalities/Edit/{id}"] = West(s => s.Functionality),
        ["/Admin/Metrics/Edit/{id}"] = West(s => s.Metric),
        ["/Admin/ServiceAreas/Edit/{id}"] = West(s => s.AdminArea),
        ["/Admin/ServiceLines/Edit/{id}"] = West(s => s.AdminLine),
        ["/Admin/Templates/Edit/{id}"] = West(s => s.TemplateCopy),
        ["/Admin/Users/Edit/{id}"] = West(s => s.User),
        ["/Plans/Areas/{id}"] = West(s => s.Area),
        ["/Plans/Lines/{id}"] = West(s => s.Line),
        ["/Plans/Export/areas/{id}"] = West(s => s.Area),
        ["/Plans/Export/lines/{id}"] = West(s => s.Line),
        ["/Plans/Export/versions/{id}"] = West(s => s.VersionA),
        ["/Plans/Versions/{id}"] = West(s => s.VersionA),
        ["/Plans/Versions/Copy/{id}"] = West(s => s.VersionA),
        ["/Status/{code}"] = Plain("404"),
        ["/Worksheets/{id}"] = West(s => s.Sheet),
        ["/Workshops/Series/{id}"] = West(s => s.Series),
        ["/Workshops/Workshop/{id}"] = West(s => s.Workshop),
        ["/Workshops/Invitation/{workshopId}"] = West(s => s.Workshop),
        ["/api/v1/notes/{id}"] = West(s => s.Note),
        ["/api/v1/plan-versions/{id}"] = West(s => s.VersionA),
        ["/api/v1/plan-versions/{from}"] = West(s => s.VersionA),
        ["/api/v1/plan-versions/{from}/compare/{to}"] = West(s => s.VersionB),
        ["/api/v1/service-areas/{id}"] = West(s => s.Area),
        ["/api/v1/service-lines/{id}"] = West(s => s.Line),
        ["/api/v1/worksheets/{id}"] = West(s => s.Sheet),
        ["/api/v1/workshop-series/{id}"] = West(s => s.Series),
        ["/openapi/{documentName}"] = Plain("v1"),
    };

    /// <summary>
    /// The page handlers' own parameters (query or form), by name or, where a name means different things, by
    /// <c>page route?name</c>. A handler parameter without an entry fails the matrix.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Value> HandlerValues = new Dictionary<string, Value>
    {
        ["/Admin/Templates?id"] = West(s => s.Template),
        ["/Workshops/Workshop/{id:guid}?itemId"] = West(s => s.AgendaItem),
        ["itemId"] = West(s => s.Note),
        ["itemIds"] = West(s => s.Note),
        ["rowId"] = West(s => s.Row),
        ["memberId"] = West(s => s.Member),
        ["taskId"] = Nowhere,
        ["assignmentId"] = Nowhere,
        ["connectionId"] = Nowhere,
        ["version"] = Plain(s => s.NoteVersion.ToString()),
        ["section"] = Plain(s => s.SectionKey),
        ["sectionKey"] = Plain(s => s.SectionKey),
        ["cell"] = Plain(s => s.CellKey),
        ["cellKey"] = Plain(s => s.CellKey),
        ["minutes"] = Plain("5"),
        ["votes"] = Plain("3"),
        ["timerAction"] = Plain("start"),
        ["add"] = Plain("true"),
        ["done"] = Plain("true"),
        ["direction"] = Plain("down"),
        ["colour"] = Plain((string?)null),
        ["tag"] = Plain((string?)null),
        ["group"] = Plain((string?)null),
        ["ungroup"] = Plain("false"),
        ["language"] = Plain("fi"),
        // Page properties bound from the query string.
        ["/Plans/Publish?Level"] = Plain("service-line"),
        ["/Plans/Publish?Id"] = West(s => s.Line),
        ["/Plans/Versions?Level"] = Plain("service-line"),
        ["/Plans/Versions?Id"] = West(s => s.Line),
        ["/Plans/Versions/Compare?From"] = West(s => s.VersionA),
        ["/Plans/Versions/Compare?To"] = West(s => s.VersionB),
        ["/Plans/Roadmap?zoom"] = Plain((string?)null),
        ["/Plans/Roadmap?line"] = West(s => s.Line),
        ["/Account/SignIn?ReturnUrl"] = Plain("/"),
        ["returnUrl"] = Plain("/"),
    };

    public enum Column { OtherCounty, Anonymous, Viewer, Participant, Facilitator, Administrator }

    private sealed record CallerClients(Column Column, HttpClient Browser, HttpClient Api, string? Antiforgery);

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_the_role_table_says_and_no_county_sees_another()
    {
        var clock = Stopwatch.StartNew();
        var endpoints = await AppEndpoints.ListAsync(app.Services);
        var problems = new List<string>();

        // Every parameter has a value before anything is requested.
        foreach (var e in endpoints)
        {
            foreach (var p in e.Pattern.Parameters)
                if (!RouteValues.ContainsKey(AppEndpoints.ParameterKey(e.Pattern, p.Name)))
                    problems.Add($"{e.Key}: no value for route parameter {AppEndpoints.ParameterKey(e.Pattern, p.Name)} in RouteValues");
            foreach (var p in e.HandlerParameters)
                if (HandlerValueOf(e, p) is null) problems.Add($"{e.Key}: no value for handler parameter {p} in HandlerValues");
            foreach (var p in e.QueryProperties ?? [])
                if (HandlerValueOf(e, p) is null) problems.Add($"{e.Key}: no value for query property {p} in HandlerValues");
            if (!Expected.ContainsKey(e.Key)) problems.Add($"{e.Key}: no row in Expected");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var samples = await CreateSamplesAsync();
        var callers = new List<CallerClients>
        {
            await ClientsAsync(Column.OtherCounty, await app.CreateUser("toinen", Role.Administrator)),
            await ClientsAsync(Column.Anonymous, null),
            await ClientsAsync(Column.Viewer, await app.CreateUser("lansi-uusimaa", Role.Viewer)),
            await ClientsAsync(Column.Participant, await app.CreateUser("lansi-uusimaa", Role.Participant)),
            await ClientsAsync(Column.Facilitator, await app.CreateUser("lansi-uusimaa", Role.Facilitator)),
            await ClientsAsync(Column.Administrator, await app.CreateUser("lansi-uusimaa", Role.Administrator)),
        };

        // Signing out ends the caller's every session, so it is each caller's last request; deleting comes just before.
        var ordered = endpoints
            .OrderBy(e => e.Key.StartsWith("POST /Account/SignOut", StringComparison.Ordinal) ? 2
                : e.Method == "DELETE" || e.Handler is "Delete" or "RemoveMember" or "RemoveRow" ? 1 : 0)
            .ToList();

        // PDFs are printed after the access checks; without Chromium the answer is 503, which tells the same and takes no minute.
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var chromium = configuration["Pdf:Chromium"];
        configuration["Pdf:Chromium"] = "/nonexistent/chromium";
        var cells = 0;
        // DIGIPAJA_MATRIX_DUMP=file writes every cell's answer there, for reading the matrix rather than only its failures.
        var dumpFile = Environment.GetEnvironmentVariable("DIGIPAJA_MATRIX_DUMP");
        var dump = dumpFile is null ? null : new StringBuilder();
        try
        {
            foreach (var caller in callers)
            {
                foreach (var e in ordered)
                {
                    cells++;
                    var (problem, seen) = await CheckAsync(caller, e, Expected[e.Key], samples);
                    dump?.AppendLine($"{caller.Column,-13} {e.Key} -> {seen}");
                    if (problem is not null) problems.Add($"{caller.Column,-13} {e.Key}: {problem}");
                }
            }
        }
        finally
        {
            configuration["Pdf:Chromium"] = chromium;
        }
        if (dumpFile is not null) await File.WriteAllTextAsync($"{dumpFile}.{app.Provider}", dump!.ToString());
        output.WriteLine($"{endpoints.Count} endpoints × {callers.Count} callers = {cells} requests in {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(problems.Count == 0, $"{problems.Count} of {cells} cells wrong:\n" + string.Join("\n", problems));
    }

    private static Value? HandlerValueOf(AppEndpoint e, string name) =>
        HandlerValues.GetValueOrDefault($"{e.Route}?{name}") ?? HandlerValues.GetValueOrDefault(name);

    private async Task<(string? Problem, string Seen)> CheckAsync(CallerClients caller, AppEndpoint e, Rule rule, Samples samples)
    {
        var carriesWestId = false;
        var nowhere = false;
        var path = AppEndpoints.Path(e.Pattern, name =>
        {
            var value = RouteValues[AppEndpoints.ParameterKey(e.Pattern, name)];
            carriesWestId |= value.Kind == ValueKind.WestId;
            return value.Of(samples);
        });
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var name in e.HandlerParameters)
        {
            var value = HandlerValueOf(e, name)!;
            carriesWestId |= value.Kind == ValueKind.WestId;
            nowhere |= value.Kind == ValueKind.Nowhere;
            if (value.Of(samples) is { } text) fields.Add(new(name, text));
        }

        var query = new List<string>();
        if (e.Handler is not null) query.Add($"handler={e.Handler}");
        foreach (var name in e.QueryProperties ?? [])
        {
            // A filter, not a lookup: another county may be answered its own (empty) list, never the west county's data.
            var value = HandlerValueOf(e, name)!;
            if (value.Of(samples) is { } text) query.Add($"{name}={Uri.EscapeDataString(text)}");
        }
        HttpContent? content = null;
        if (e.IsApi)
        {
            if (e.Writes && e.Method != "DELETE") content = JsonContent.Create(ApiBody(samples));
        }
        else if (e.Writes)
        {
            if (caller.Antiforgery is { } token) fields.Add(new("__RequestVerificationToken", token));
            content = new FormUrlEncodedContent(fields);
        }
        else
        {
            query.AddRange(fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
        }
        var url = path + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        using var request = new HttpRequestMessage(new HttpMethod(e.Method), url) { Content = content };
        var client = e.IsApi ? caller.Api : caller.Browser;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var stream = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        var body = stream || status >= 300 ? "" : await response.Content.ReadAsStringAsync();
        var seen = $"{status}{(location.Length > 0 ? " → " + location : "")}";
        return (Judge(), seen);

        string? Judge()
        {
            if (status >= 500 && !(status == 503 && e.Route.EndsWith(".pdf", StringComparison.Ordinal)))
                return $"answered {seen}";

            var toSignIn = status == 401 || (status == 302 && location.Contains("/Account/SignIn", StringComparison.Ordinal));
            var refused = status is 403 or 404
                || (status == 302 && (location.Contains("/Status/403", StringComparison.Ordinal) || location.Contains("/Account/AccessDenied", StringComparison.Ordinal)
                    // A viewer asking for the current plan is shown the published versions instead.
                    || (caller.Column == Column.Viewer && location.StartsWith("/Plans/Versions", StringComparison.Ordinal))));
            var passed = status is >= 200 and < 400 && !toSignIn && !refused;

            if (rule.Allowed.HasFlag(Who.Anonymous))
            {
                if (caller.Column == Column.OtherCounty) return LeakIn(body, samples, rule);
                return null; // open to all; only a 500 is wrong
            }
            switch (caller.Column)
            {
                case Column.Anonymous:
                    if (e.IsApi ? status != 401 : !(status == 302 && location.Contains("/Account/SignIn", StringComparison.Ordinal)))
                        return $"anonymous: expected {(e.IsApi ? "401" : "a redirect to sign-in")}, got {seen}";
                    return null;
                case Column.OtherCounty:
                    if (carriesWestId)
                        return status == 404 ? null : $"another county's user: expected 404 for a west county id, got {seen}";
                    if (refused || toSignIn) return null;
                    return LeakIn(body, samples, rule);
            }

            var role = caller.Column switch
            {
                Column.Administrator => Who.Administrator,
                Column.Facilitator => Who.Facilitator,
                Column.Participant => Who.Participant,
                _ => Who.Viewer,
            };
            // Signing out ends at the sign-in page.
            if (toSignIn && !(e.Key == "POST /Account/SignOut" && status == 302)) return $"signed-in {role}: answered {seen}";
            if (rule.Allowed.HasFlag(role))
            {
                if (refused && !(status == 404 && (e.Writes || nowhere))) return $"{role} is allowed but was refused: {seen}";
                if (!e.Writes && !passed && !(status == 503 && e.Route.EndsWith(".pdf", StringComparison.Ordinal)) && !(status == 404 && nowhere))
                    return $"{role} is allowed to read but got {seen}";
                if (rule.Listed.HasFlag(role) && body.Contains(samples.Sheet.ToString()) | body.Contains(samples.Series.ToString()))
                    return $"{role} sees the sample series or worksheet, of which they are no member";
                return null;
            }
            return refused ? null : $"{role} must be refused (403/404 or a redirect to the refusal page), got {seen}";
        }
    }

    /// <summary>What another county's user was answered must hold nothing of the west county.</summary>
    private static string? LeakIn(string body, Samples samples, Rule rule)
    {
        foreach (var id in samples.WestIds)
            if (body.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)) return $"another county's user was answered the west county's id {id}";
        if (!rule.SharedAcrossCounties && body.Contains("Länsi-Uudenmaan", StringComparison.Ordinal))
            return "another county's user was answered the west county's name";
        return null;
    }

    /// <summary>One JSON body for every API write: each endpoint takes the fields it knows, so it gets as far as its access check.</summary>
    private static object ApiBody(Samples s) => new
    {
        name = "Matriisi", text = "Matriisi", cellKey = s.CellKey, serviceLineIds = Array.Empty<Guid>(), functionalityKeys = Array.Empty<string>(),
        serviceLineId = (Guid?)null, shared = false, version = s.NoteVersion, connectionId = Guid.NewGuid(), sectionKey = s.SectionKey,
        email = "", password = "",
    };

    private async Task<CallerClients> ClientsAsync(Column column, string? email)
    {
        var browser = email is null ? app.Anonymous() : await app.SignedIn(email);
        var api = email is null ? app.Anonymous() : await app.Api(email);
        var page = await browser.GetStringAsync(email is null ? "/Account/SignIn" : "/");
        var token = AntiforgeryToken().Match(page);
        return new CallerClients(column, browser, api, token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : null);
    }

    private async Task<Samples> CreateSamplesAsync()
    {
        var s = new Samples();
        (s.Series, s.Sheet) = await app.NewChatSheet("EHK");
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var sheet = await facilitator.GetFromJsonAsync<JsonElement>($"/api/v1/worksheets/{s.Sheet}");
        var section = sheet.GetProperty("sections")[0];
        s.SectionKey = section.GetProperty("key").GetString()!;
        s.CellKey = section.GetProperty("cells").EnumerateArray().First(c => c.GetProperty("kind").GetString() == "notes").GetProperty("key").GetString()!;
        s.Row = sheet.GetProperty("rows")[0].GetProperty("id").GetGuid();
        s.Template = sheet.GetProperty("template").GetProperty("id").GetGuid();
        var note = await (await facilitator.PostAsJsonAsync($"/api/v1/worksheets/{s.Sheet}/notes", new { cellKey = s.CellKey, text = "Matriisin muistilappu" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        s.Note = note.GetProperty("id").GetGuid();
        s.NoteVersion = note.GetProperty("version").GetInt32();
        var series = await facilitator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-series/{s.Series}");
        var workshop = series.GetProperty("workshops")[0];
        s.Workshop = workshop.GetProperty("id").GetGuid();
        s.AgendaItem = workshop.GetProperty("agenda")[0].GetProperty("id").GetGuid();
        s.Line = series.GetProperty("serviceLineIds")[0].GetGuid();
        // A date for the first workshop, so that its invitation has a calendar event.
        await app.Query(db => db.Workshops.IgnoreQueryFilters().Where(w => w.Id == s.Workshop)
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.StartsAt, new DateTime(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc))));
        s.Member = await app.Query(db => db.SeriesMembers.IgnoreQueryFilters().Where(m => m.SeriesId == s.Series).Select(m => m.Id).FirstAsync());
        s.Area = await app.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Id == s.Line).Select(l => l.ServiceAreaId).SingleAsync());
        s.VersionA = await PublishAsync(facilitator, s.Line, "Matriisi A");
        s.VersionB = await PublishAsync(facilitator, s.Line, "Matriisi B");

        var westId = await app.Query(db => db.Counties.Where(c => c.Slug == "lansi-uusimaa").Select(c => c.Id).SingleAsync());
        s.Functionality = await app.Query(db => db.Functionalities.IgnoreQueryFilters().Where(f => f.CountyId == westId).Select(f => f.Id).FirstAsync());
        s.Metric = await app.Query(db => db.Metrics.IgnoreQueryFilters().Where(m => m.CountyId == westId).Select(m => m.Id).FirstAsync());
        var target = await app.CreateUser("lansi-uusimaa", Role.Viewer);
        s.User = await app.Query(db => db.Users.Where(u => u.Email == target).Select(u => u.Id).SingleAsync());

        // The administrator's things are made through the pages, as an administrator would.
        var admin = await app.SignedIn(DigipajaApp.WestAdmin);
        var code = "M" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostForm("/Admin/ServiceAreas", new() { ["Input.Code"] = code, ["Input.Name"] = "Matriisin alue" })).StatusCode);
        s.AdminArea = await app.Query(db => db.ServiceAreas.IgnoreQueryFilters().Where(a => a.Code == code).Select(a => a.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostForm("/Admin/ServiceLines", new()
        {
            ["Input.ServiceAreaId"] = s.AdminArea.ToString(), ["Input.Code"] = code, ["Input.Name"] = "Matriisin linja",
        })).StatusCode);
        s.AdminLine = await app.Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Code == code).Select(l => l.Id).SingleAsync());
        var copy = await admin.PostForm("/Admin/Templates?handler=Copy", new() { ["id"] = s.Template.ToString() }, "/Admin/Templates");
        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
        s.TemplateCopy = Guid.Parse(copy.Headers.Location!.OriginalString.Split('/').Last());
        return s;
    }

    private static async Task<Guid> PublishAsync(HttpClient api, Guid line, string name) =>
        (await (await api.PostAsJsonAsync($"/api/v1/service-lines/{line}/plan/versions", new { name }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
