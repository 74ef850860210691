using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Digipaja.Bench.Plans;
using Digipaja.Core.Plans;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Plans;
using Digipaja.Web.Features.Plans.Exports;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

// The county plan benchmark of issue 5. bench/plans/run.sh drives it; each command prints one JSON line.
//
//   generate --provider Sqlite|Postgres --connection CS --lines 25
//       migrates an empty database and creates the benchmark county in it
//   loader   --provider Sqlite|Postgres --connection CS [--runs 30] [--warmup 5]
//       times what PlanLoader.LoadAsync does (its queries, then PlanAssembler.Assemble), the plan's JSON and its
//       DOCX and XLSX (PlanDocx.Write, PlanXlsx.Write, in Finnish), in process
//   http     --base http://127.0.0.1:5098 [--runs 30] [--warmup 5] --url /api/v1/plans/county [--url ...]
//       signs in as the benchmark facilitator and times GET of each URL against a running app
//   paint    --base http://127.0.0.1:5098 [--runs 5] [--warmup 1]
//       saves the county plan page and times headless Chromium (DIGIPAJA_CHROMIUM or /usr/bin/chromium) loading it
//       and painting its first screen, as served and with every section laid out at once, and an empty page for the
//       browser's own start
//   burst    --base http://127.0.0.1:5098 [--runs 3]
//       the fairness check of issue 13: a participant reads a line plan page and the county plan page over and over,
//       alone and then while the facilitator fires a burst of exports at once (county DOCX and XLSX, line PDFs, and with
//       BENCH_COUNTY_PDF=1 a county PDF); how much longer each of the participant's pages took than when alone

var options = Options.Parse(args);
var command = args.FirstOrDefault() ?? "";
var result = command switch
{
    "generate" => await Generate(options),
    "loader" => await Loader(options),
    "http" => await Http(options),
    "paint" => await Paint(options),
    "burst" => await Burst(options),
    _ => throw new ArgumentException("usage: generate | loader | http | paint | burst (see Program.cs)"),
};
Console.WriteLine(JsonSerializer.Serialize(result));
return;

static DigipajaDb Db(Options o, Caller? caller = null)
{
    var builder = new DbContextOptionsBuilder<DigipajaDb>();
    DatabaseSetup.Configure(builder, o.Provider, o.Connection);
    // BENCH_SQL_LOG=1 prints every command with its execution time, to see which query a slow load waits for.
    if (Environment.GetEnvironmentVariable("BENCH_SQL_LOG") == "1")
        builder.LogTo(Console.Error.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
    return new DigipajaDb(builder.Options) { Caller = caller };
}

static async Task<object> Generate(Options o)
{
    var clock = Stopwatch.StartNew();
    await using var db = Db(o);
    if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
    var county = await new CountyGenerator(db, o.Lines).GenerateAsync();
    return new { command = "generate", provider = o.Provider.ToString(), county.Lines, county.Worksheets, county.Rows, county.Items, seconds = Math.Round(clock.Elapsed.TotalSeconds, 1) };
}

static async Task<object> Loader(Options o)
{
    Guid countyId;
    await using (var db = Db(o))
        countyId = await db.Counties.Where(c => c.Slug == CountyGenerator.Slug).Select(c => c.Id).SingleAsync();
    var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(DigipajaClaims.County, countyId.ToString())], "bench"));
    var caller = new Caller(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } });

    var load = new List<double>();
    var queries = new List<double>();
    var assemble = new List<double>();
    var json = new List<double>();
    var docx = new List<double>();
    var xlsx = new List<double>();
    var cpu = new List<double>();
    var process = Process.GetCurrentProcess();
    var texts = new Texts();
    var (docxWriter, xlsxWriter) = (new PlanDocx(texts), new PlanXlsx(texts));
    Plan? plan = null;
    long bytes = 0, docxBytes = 0, xlsxBytes = 0;
    for (var run = 0; run < o.Warmup + o.Runs; run++)
    {
        // A context per run, as per request in the app: nothing is cached between runs but EF's compiled queries.
        await using var db = Db(o, caller);
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var t = Stopwatch.StartNew();
        var source = await new PlanLoader(db, TimeProvider.System, []).LoadSourceAsync(PlanLevel.County, null) ?? throw new InvalidOperationException("no bench county");
        var read = t.Elapsed.TotalMilliseconds;
        plan = PlanAssembler.Assemble(source);
        var loaded = t.Elapsed.TotalMilliseconds;
        process.Refresh();
        var cpuLoad = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        t.Restart();
        using var stream = new MemoryStream();
        await JsonSerializer.SerializeAsync(stream, plan, PlanJson.Options);
        var serialised = t.Elapsed.TotalMilliseconds;
        bytes = stream.Length;
        // The writers on the plan just loaded, each on its own: what a download adds to loading the plan.
        t.Restart();
        docxBytes = docxWriter.Write(plan, "fi").Length;
        var wroteDocx = t.Elapsed.TotalMilliseconds;
        t.Restart();
        xlsxBytes = xlsxWriter.Write(plan, "fi").Length;
        var wroteXlsx = t.Elapsed.TotalMilliseconds;
        if (run < o.Warmup) continue;
        load.Add(loaded);
        queries.Add(read);
        cpu.Add(cpuLoad);
        assemble.Add(loaded - read);
        json.Add(serialised);
        docx.Add(wroteDocx);
        xlsx.Add(wroteXlsx);
    }
    return new
    {
        command = "loader", provider = o.Provider.ToString(), runs = o.Runs,
        notes = plan!.Roadmap.Count + plan.UseCases.Count + plan.DevelopmentWork.Count + plan.Customers.Count + plan.Operations.Count + plan.Change.Count,
        roadmap = plan.Roadmap.Count, jsonBytes = bytes,
        loadAndAssemble = Stats.Of(load), queries = Stats.Of(queries), assemble = Stats.Of(assemble),
        // CPU time of the whole process (all threads) while loading and assembling: less disturbed than the wall clock
        // when other work shares the two cores.
        loadCpu = Stats.Of(cpu), serialiseJson = Stats.Of(json),
        writeDocx = Stats.Of(docx), docxBytes, writeXlsx = Stats.Of(xlsx), xlsxBytes,
    };
}

static async Task<object> Http(Options o)
{
    using var http = new HttpClient { BaseAddress = new Uri(o.Base), Timeout = TimeSpan.FromMinutes(2) };
    var token = await http.PostAsJsonAsync("/api/v1/tokens", new { email = CountyGenerator.Email, password = CountyGenerator.Password });
    token.EnsureSuccessStatusCode();
    var body = await token.Content.ReadFromJsonAsync<JsonElement>();
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
    using var browser = await SignedInBrowser(o);

    var urls = new List<object>();
    foreach (var url in o.Urls)
    {
        var times = new List<double>();
        long bytes = 0;
        var status = 0;
        for (var run = 0; run < o.Warmup + o.Runs; run++)
        {
            var t = Stopwatch.StartNew();
            var client = url.StartsWith("/api/", StringComparison.Ordinal) ? http : browser;
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            var content = await response.Content.ReadAsByteArrayAsync();
            var ms = t.Elapsed.TotalMilliseconds;
            status = (int)response.StatusCode;
            bytes = content.Length;
            if (run >= o.Warmup) times.Add(ms);
        }
        urls.Add(new { url, status, bytes, time = Stats.Of(times) });
    }
    return new { command = "http", runs = o.Runs, urls };
}

// Pages take the sign-in cookie, the API only bearer tokens: pages are read by a client that signed in through the form.
static async Task<HttpClient> SignedInBrowser(Options o, string email = CountyGenerator.Email)
{
    var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(o.Base), Timeout = TimeSpan.FromMinutes(5), // a county PDF may wait in the queue and print for minutes
    };
    var form = await browser.GetStringAsync("/Account/SignIn");
    var antiForgery = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
    var signIn = await browser.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["Input.Email"] = email, ["Input.Password"] = CountyGenerator.Password, ["__RequestVerificationToken"] = antiForgery,
    }));
    if (signIn.StatusCode != System.Net.HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in answered {signIn.StatusCode}");
    return browser;
}

// What a reader of the county plan waits for in the browser once the page has arrived: Chromium started on the saved
// page (its styles and scripts still come from the app, through <base>), run until its first screen is painted.
static async Task<object> Paint(Options o)
{
    using var browser = await SignedInBrowser(o);
    var html = await browser.GetStringAsync("/Plans");
    var folder = Directory.CreateTempSubdirectory("digipaja-paint-");
    try
    {
        var head = $"<head><base href=\"{o.Base}/\">";
        var pages = new Dictionary<string, string>
        {
            ["empty"] = "<!DOCTYPE html><html><body>.</body></html>",
            ["asServed"] = html.Replace("<head>", head),
            // The same page with every section laid out and painted at once, as before sections were skipped off screen.
            ["allSections"] = html.Replace("<head>", head).Replace("</head>", "<style>.plan__section { content-visibility: visible; }</style></head>"),
        };
        var chromium = Environment.GetEnvironmentVariable("DIGIPAJA_CHROMIUM") ?? "/usr/bin/chromium";
        var times = new Dictionary<string, Stats>();
        foreach (var (name, page) in pages)
        {
            var file = Path.Combine(folder.FullName, name + ".html");
            await File.WriteAllTextAsync(file, page);
            var runs = new List<double>();
            for (var run = 0; run < o.Warmup + o.Runs; run++)
            {
                var start = new ProcessStartInfo(chromium)
                {
                    RedirectStandardError = true, RedirectStandardOutput = true,
                    ArgumentList =
                    {
                        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1280,800",
                        $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--screenshot={Path.Combine(folder.FullName, "shot.png")}",
                        new Uri(file).AbsoluteUri,
                    },
                };
                var t = Stopwatch.StartNew();
                using var process = Process.Start(start)!;
                await Task.WhenAll(process.StandardError.ReadToEndAsync(), process.StandardOutput.ReadToEndAsync(), process.WaitForExitAsync());
                if (process.ExitCode != 0) throw new InvalidOperationException($"Chromium exited with {process.ExitCode} on {name}");
                if (run >= o.Warmup) runs.Add(t.Elapsed.TotalMilliseconds);
            }
            times[name] = Stats.Of(runs);
        }
        return new { command = "paint", runs = o.Runs, pageChars = html.Length, times };
    }
    finally
    {
        folder.Delete(recursive: true);
    }
}

// One user's burst of exports against another user's pages (issue 13: at most a second's delay). Each run reads the
// participant's two pages alone (10 times each), then fires the facilitator's whole burst at once and keeps reading
// them, one after the other as a person clicking would, until the last export has answered.
static async Task<object> Burst(Options o)
{
    using var reader = await SignedInBrowser(o, CountyGenerator.ReaderEmail);
    using var facilitator = await SignedInBrowser(o);
    using var api = new HttpClient { BaseAddress = new Uri(o.Base) };
    var token = await api.PostAsJsonAsync("/api/v1/tokens", new { email = CountyGenerator.ReaderEmail, password = CountyGenerator.Password });
    token.EnsureSuccessStatusCode();
    api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
    var organisation = await api.GetFromJsonAsync<JsonElement>("/api/v1/organisation");
    var lineId = organisation.GetProperty("serviceAreas")[0].GetProperty("serviceLines")[0].GetProperty("id").GetString();
    string[] pages = [$"/Plans/Lines/{lineId}", "/Plans"];
    string[] exports =
    [
        .. Enumerable.Repeat("/Plans/Export/county.docx", 5), .. Enumerable.Repeat("/Plans/Export/county.xlsx", 5),
        .. Enumerable.Repeat($"/Plans/Export/lines/{lineId}.pdf", 5),
        // BENCH_COUNTY_PDF=1 adds a county PDF: about 2,000 pages that keep Chromium busy for two minutes or more.
        .. Environment.GetEnvironmentVariable("BENCH_COUNTY_PDF") == "1" ? ["/Plans/Export/county.pdf"] : Array.Empty<string>(),
    ];

    async Task<double> Read(string page)
    {
        var t = Stopwatch.StartNew();
        using var response = await reader.GetAsync(page, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{page} answered {response.StatusCode}");
        return t.Elapsed.TotalMilliseconds;
    }
    foreach (var page in pages) for (var i = 0; i < 3; i++) await Read(page);

    var runs = new List<object>();
    var worstDelays = new List<double>();
    for (var run = 0; run < o.Runs; run++)
    {
        var alone = pages.ToDictionary(p => p, _ => new List<double>());
        for (var i = 0; i < 10; i++) foreach (var page in pages) alone[page].Add(await Read(page));
        var baseline = pages.ToDictionary(p => p, p => Stats.Of(alone[p]).Median);

        var clock = Stopwatch.StartNew();
        var fired = exports.Select(async url =>
        {
            using var response = await facilitator.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            await response.Content.ReadAsByteArrayAsync();
            return (url, status: (int)response.StatusCode, seconds: clock.Elapsed.TotalSeconds);
        }).ToList();
        var all = Task.WhenAll(fired);
        var during = pages.ToDictionary(p => p, _ => new List<double>());
        var delays = new List<double>();
        var worst = new List<(double At, string Page, double Delay)>();
        while (!all.IsCompleted)
            foreach (var page in pages)
            {
                var at = clock.Elapsed.TotalSeconds;
                var ms = await Read(page);
                during[page].Add(ms);
                delays.Add(ms - baseline[page]);
                worst.Add((Math.Round(at, 1), page, Math.Round(ms - baseline[page])));
            }
        var answered = await all;
        worstDelays.Add(delays.Max());
        runs.Add(new
        {
            burstSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            exports = answered.GroupBy(a => (kind: Path.GetExtension(a.url), a.status))
                .Select(g => new { g.Key.kind, g.Key.status, count = g.Count(), lastSeconds = Math.Round(g.Max(a => a.seconds), 1) }),
            pages = pages.Select(p => new { page = p, alone = Stats.Of(alone[p]), duringBurst = Stats.Of(during[p]) }),
            reads = delays.Count, delay = Stats.Of(delays),
            // When in the burst the longest delays came (seconds from its start): while files were written or PDFs printed.
            worstReads = worst.OrderByDescending(w => w.Delay).Take(5).Select(w => new { at = w.At, page = w.Page, delayMs = w.Delay }),
        });
    }
    return new { command = "burst", runs = o.Runs, worstDelayMs = Stats.Of(worstDelays), perRun = runs };
}

/// <summary>Median, 95th percentile, minimum and maximum of the measured runs, in milliseconds.</summary>
internal sealed record Stats(double Median, double P95, double Min, double Max)
{
    public static Stats Of(List<double> ms)
    {
        var sorted = ms.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new Stats(Math.Round(median, 1), Math.Round(At(0.95), 1), Math.Round(sorted[0], 1), Math.Round(sorted[^1], 1));
    }
}

internal sealed record Options(DatabaseProvider Provider, string Connection, int Lines, int Runs, int Warmup, string Base, List<string> Urls)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(DatabaseProvider.Sqlite, "", 25, 30, 5, "http://127.0.0.1:5098", []);
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--provider" => o with { Provider = Enum.Parse<DatabaseProvider>(value, ignoreCase: true) },
                "--connection" => o with { Connection = value },
                "--lines" => o with { Lines = int.Parse(value, CultureInfo.InvariantCulture) },
                "--runs" => o with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => o with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--base" => o with { Base = value },
                "--url" => o with { Urls = [.. o.Urls, value] },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return o;
    }
}
