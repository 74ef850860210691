using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Digipaja.Web.Tests.Infrastructure;

/// <summary>
/// The whole app on a real database, with the demo counties seeded. One instance per provider is shared
/// by a test collection, so tests create the data they change and leave the demo data as it is.
/// </summary>
public abstract partial class DigipajaApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Digipaja-demo-2026";
    public const string WestAdmin = "admin@lansi-uusimaa.demo";
    public const string WestFacilitator = "facilitator@lansi-uusimaa.demo";
    public const string WestParticipant = "participant@lansi-uusimaa.demo";
    public const string WestViewer = "viewer@lansi-uusimaa.demo";
    public const string SecondAdmin = "admin@toinen.demo";

    private readonly string dataFolder = Directory.CreateTempSubdirectory("digipaja-test-").FullName;
    private readonly Dictionary<string, string> tokens = [];

    public abstract DatabaseProvider Provider { get; }
    protected abstract string ConnectionString { get; }
    protected virtual Task CreateDatabaseAsync() => Task.CompletedTask;
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;
    protected virtual int MaxSignInFailures => 10_000;
    protected virtual int MaxSignInFailuresPerAddress => 100_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Digipaja", ConnectionString);
        builder.UseSetting("Database:DataFolder", dataFolder);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("SignIn:MaxFailures", MaxSignInFailures.ToString());
        builder.UseSetting("SignIn:MaxFailuresPerAddress", MaxSignInFailuresPerAddress.ToString());
        // Token checks remember a user far longer than any test runs: a revoked token must be refused because the
        // change was announced, never because the memory expired.
        builder.UseSetting("Tokens:KeepFor", "01:00:00");
    }

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        _ = Server; // starts the app: migrations and the demo seed run here
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await DropDatabaseAsync();
        try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
    }

    /// <summary>A client that does not follow redirects, so tests see exactly what the server answered.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress });

    /// <summary>Where clients send their requests: http://localhost unless an app is deployed elsewhere.</summary>
    protected virtual Uri BaseAddress => new("http://localhost");

    /// <summary>A browser-like client signed in through the real sign-in form (cookie and anti-forgery token).</summary>
    public async Task<HttpClient> SignedIn(string email, string password = Password)
    {
        var client = Anonymous();
        var response = await client.PostForm("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} failed with {response.StatusCode}");
        return client;
    }

    public async Task<string> TokenFor(string email, string password = Password)
    {
        if (tokens.TryGetValue(email, out var cached)) return cached;
        var response = await Anonymous().PostAsJsonAsync("/api/v1/tokens", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
        return tokens[email] = token;
    }

    /// <summary>A new series for a west county line with a chat worksheet; returns the series id and the chat worksheet id.</summary>
    public async Task<(Guid Series, Guid Sheet)> NewChatSeries(string lineCode)
    {
        var line = await Query(db => db.ServiceLines.IgnoreQueryFilters()
            .Where(l => l.Code == lineCode && db.Counties.Any(c => c.Id == l.CountyId && c.Slug == "lansi-uusimaa")).Select(l => l.Id).SingleAsync());
        var api = await Api(WestFacilitator);
        var series = await (await api.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { line }, functionalityKeys = new[] { "chat" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var sheet = series.GetProperty("worksheets").EnumerateArray().First(w => w.GetProperty("functionalityKey").GetString() == "chat");
        return (Guid.Parse(series.GetProperty("id").GetString()!), Guid.Parse(sheet.GetProperty("id").GetString()!));
    }

    public async Task<HttpClient> Api(string email)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFor(email));
        return client;
    }

    /// <summary>A new user of a demo county, for tests that change users or lock them out.</summary>
    public async Task<string> CreateUser(string countySlug, Role role)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
        var county = await db.Counties.SingleAsync(c => c.Slug == countySlug);
        var email = $"user-{Guid.NewGuid():N}@{countySlug}.test";
        var user = new AppUser { UserName = email, Email = email, DisplayName = "Testi Käyttäjä", Role = role, CountyId = county.Id };
        var result = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
        return email;
    }

    /// <summary>A new participant of the west county, invited to the series as a participant; their email.</summary>
    public async Task<string> InvitedParticipant(Guid series)
    {
        var email = await CreateUser("lansi-uusimaa", Role.Participant);
        await Query(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.SeriesMembers.Add(new SeriesMember { SeriesId = series, UserId = user.Id, CountyId = user.CountyId, Role = SeriesRole.Participant });
            return await db.SaveChangesAsync();
        });
        return email;
    }

    /// <summary>A new series of one service line (by its code) with a chat worksheet, made by the west facilitator.</summary>
    public async Task<(Guid Series, Guid Sheet)> NewChatSheet(string lineCode = "EHK")
    {
        var line = await Query(db => db.ServiceLines.IgnoreQueryFilters().Where(l => l.Code == lineCode).Select(l => l.Id).SingleAsync());
        var api = await Api(WestFacilitator);
        var series = await (await api.PostAsJsonAsync("/api/v1/workshop-series", new { serviceLineIds = new[] { line }, functionalityKeys = new[] { "chat" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return (Guid.Parse(series.GetProperty("id").GetString()!), Guid.Parse(series.GetProperty("worksheets")[0].GetProperty("id").GetString()!));
    }

    /// <summary>Runs a query against the database directly, outside any county filter.</summary>
    public async Task<T> Query<T>(Func<DigipajaDb, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<DigipajaDb>());
    }

    private sealed record TokenBody(string Token);
}

public class SqliteApp : DigipajaApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    private readonly string file = Path.Combine(Path.GetTempPath(), $"digipaja-test-{Guid.NewGuid():N}.db");
    protected override string ConnectionString => $"Data Source={file}";

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A fresh database per test run on the PostgreSQL server named by DIGIPAJA_TEST_POSTGRES
/// (scripts/test.sh starts one); without it the tests fail rather than silently skipping a provider.
/// </summary>
public sealed class PostgresApp : DigipajaApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    private readonly string database;
    private readonly bool ownsDatabase;

    public PostgresApp() : this($"digipaja_test_{Guid.NewGuid():N}", ownsDatabase: true) { }

    private PostgresApp(string database, bool ownsDatabase)
    {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
    }

    /// <summary>Another app node on the same database, as in a deployment of several nodes.</summary>
    public PostgresApp SecondNode() => new(database, ownsDatabase: false);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("DIGIPAJA_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=digipaja;Password=digipaja;Database=postgres";

    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    protected override async Task CreateDatabaseAsync()
    {
        if (!ownsDatabase) return;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task DropDatabaseForTestAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await DropDatabaseAsync();
    }

    protected override async Task DropDatabaseAsync()
    {
        if (!ownsDatabase) return;
        await DropAsync(database);
    }

    /// <summary>
    /// Drops a test database, closing its sessions. An autovacuum worker that happens to be in the database has no
    /// role, so FORCE refuses to end it (42501) unless the test role holds pg_signal_backend; the worker leaves
    /// within moments, so the drop is tried again a few times before giving up.
    /// </summary>
    public static async Task DropAsync(string database)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 20 && e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(250);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "PostgreSQL";
}
