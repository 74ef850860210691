using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Digipaja.Browser.Tests.Infrastructure;

/// <summary>
/// One running app and one headless Chromium for the whole collection: starting either takes seconds,
/// while a fresh browser context per test (own cookies, own storage) takes milliseconds.
/// The Chromium is the system's (env DIGIPAJA_CHROMIUM, default /usr/bin/chromium): Playwright's own
/// browser download is not reachable from a closed network, so `playwright install` is never called.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public DigipajaServer App { get; } = new();

    public async Task InitializeAsync()
    {
        App.Start();
        var chromium = Environment.GetEnvironmentVariable("DIGIPAJA_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. Install it (apt-get install chromium) or set DIGIPAJA_CHROMIUM.");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A page in a new browser context. The browser asks for English (Accept-Language) on purpose:
    /// the app must still open in Finnish until the user picks a language.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, string? storageState = null)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            StorageState = storageState,
        });
        context.SetDefaultTimeout(10_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// The cookies of a session of <paramref name="user"/>, signed in through the form once per run; tests that
    /// are about a page rather than about signing in start from them instead of hashing the password again.
    /// </summary>
    public async Task<string> SessionOfAsync(DemoUser user)
    {
        await sessionLock.WaitAsync();
        try
        {
            if (sessions.TryGetValue(user.Email, out var state)) return state;
            var page = await NewPageAsync();
            await page.SignInAsync(user);
            state = await page.Context.StorageStateAsync();
            await page.Context.CloseAsync();
            sessions[user.Email] = state;
            return state;
        }
        finally
        {
            sessionLock.Release();
        }
    }

    /// <summary>A client of the app's API with a bearer token of <paramref name="user"/>, for tests that set up data first.</summary>
    /// <summary>A new series for a service line through the API, returning its chat worksheet's id.</summary>
    public async Task<string> NewChatWorksheetAsync(string lineCode)
    {
        using var http = await ApiAsync(DemoUsers.Facilitator);
        var organisation = await http.GetFromJsonAsync<JsonElement>("/api/v1/organisation");
        var line = organisation.GetProperty("serviceAreas").EnumerateArray().SelectMany(a => a.GetProperty("serviceLines").EnumerateArray())
            .Single(l => l.GetProperty("code").GetString() == lineCode).GetProperty("id").GetString();
        var series = await (await http.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { line }, functionalityKeys = new[] { "chat" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return series.GetProperty("worksheets")[0].GetProperty("id").GetString()!;
    }

    public async Task<HttpClient> ApiAsync(DemoUser user)
    {
        var http = new HttpClient { BaseAddress = App.BaseAddress };
        var token = (await (await http.PostAsJsonAsync("/api/v1/tokens", new { email = user.Email, password = DemoUser.Password }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    private readonly Dictionary<string, string> sessions = [];
    private readonly SemaphoreSlim sessionLock = new(1, 1);

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
