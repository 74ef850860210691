using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Digipaja.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel at a free loopback port, with the demo counties seeded into a fresh SQLite
/// database in a temporary folder. A browser needs a real socket; the in-memory TestServer has none.
/// </summary>
public sealed class DigipajaServer : WebApplicationFactory<Program>
{
    private readonly string dataFolder =
        Path.Combine(Path.GetTempPath(), "digipaja-browser-" + Guid.NewGuid().ToString("N"));

    public DigipajaServer()
    {
        UseKestrel(0);
    }

    /// <summary>The root address of the running app, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? ClientOptions.BaseAddress.ToString();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataFolder", dataFolder);
        // An empty connection string makes the app use the SQLite file in the data folder, whatever the machine has set.
        builder.UseSetting("ConnectionStrings:Digipaja", "");
        builder.UseSetting("Demo:Seed", "true");
        // The tests sign in wrongly on purpose; the per-address throttle must not block the ones after them.
        builder.UseSetting("SignIn:MaxFailures", "1000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataFolder, recursive: true); }
        catch (IOException) { /* A leftover temp folder is harmless. */ }
    }
}
