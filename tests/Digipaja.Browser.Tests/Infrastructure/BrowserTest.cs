using Microsoft.Playwright;

namespace Digipaja.Browser.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: xUnit makes a new instance per test, and each instance opens its pages
/// in new browser contexts, so no cookie or language choice leaks from one test into another.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    protected BrowserFixture Fixture { get; } = fixture;

    /// <summary>A page at a desktop size, 1280 × 800 CSS pixels.</summary>
    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync() => Page = await NewPageAsync();

    /// <summary>
    /// Another page in its own, new context; <paramref name="width"/> emulates zoom (1280 px at 200 % is 640 px),
    /// and <paramref name="signedInAs"/> starts it with that user's session.
    /// </summary>
    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 800, DemoUser? signedInAs = null)
    {
        var session = signedInAs is null ? null : await Fixture.SessionOfAsync(signedInAs);
        var page = await Fixture.NewPageAsync(width, height, session);
        contexts.Add(page.Context);
        return page;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts) await context.CloseAsync();
    }
}
