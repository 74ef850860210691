using Digipaja.Web.Accounts;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Features.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Digipaja.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Folder of the embedded SQLite file (and the data protection keys) when no connection string is given.</summary>
    public string DataFolder { get; set; } = "data";
}

public static class DatabaseSetup
{
    public static IServiceCollection AddDigipajaData(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ConnectionString(options, config.GetConnectionString("Digipaja"));
        services.AddSingleton(options);
        services.AddHttpContextAccessor();
        services.AddScoped<Caller>();
        // Contexts come from a pool and their options are built once: setting up a context's options and internal
        // services per request was a measurable share of a small request such as writing a note. A request's scope
        // takes a context from the pool, tells it the caller (whose county filters every query) and gives it back.
        services.AddPooledDbContextFactory<DigipajaDb>((sp, db) =>
        {
            Configure(db, options.Provider, connectionString);
            // Features that watch saves (such as token revocation) register their interceptors as IInterceptor.
            db.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<DigipajaDb>>().CreateDbContext();
            db.Caller = sp.GetService<Caller>();
            return db;
        });
        services.AddScoped<SchemaMigrator>();
        services.AddScoped<DemoData>();
        services.AddScoped<DemoPlans>();
        services.AddScoped<Accounts.Access>();
        services.AddScoped<SeriesCreator>();
        services.AddScoped<Features.Plans.PlanLoader>();
        services.AddScoped<Features.Plans.PlanPdf>();
        services.AddSingleton<Features.Plans.IPdfPrinter, Features.Plans.ChromiumPrinter>();
        services.AddSingleton(config.GetSection("Pdf").Get<Features.Plans.PrintOptions>() ?? new Features.Plans.PrintOptions());
        services.AddSingleton<Features.Plans.PrintQueue>();
        var files = Features.Plans.PrintOptions.ForFiles(); // what the section sets, over the files' own defaults
        config.GetSection("Files").Bind(files);
        services.AddKeyedSingleton(Features.Plans.PrintQueue.Files, new Features.Plans.PrintQueue(files, Features.Plans.PrintQueue.Files));
        services.AddScoped<Features.Plans.Versions.PlanVersions>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString)
    {
        _ = provider switch
        {
            DatabaseProvider.Postgres => db.UseNpgsql(WithPostgresDefaults(connectionString)),
            _ => db.UseSqlite(connectionString),
        };
    }

    /// <summary>
    /// Every request runs the same few statements, so PostgreSQL should not parse and plan them anew each time:
    /// statements used a few times are prepared on their connection (Max Auto Prepare), and a connection keeps them
    /// when it goes back to the pool (No Reset On Close; the app keeps no session state: no SET, no temporary tables,
    /// and the LISTEN connection does not use the pool). A connection string that sets either keeps its own value.
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = 50;
        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;

        static bool Mentions(string s, params string[] keys) =>
            keys.Any(k => s.Contains(k, StringComparison.OrdinalIgnoreCase));
    }

    private static string ConnectionString(DatabaseOptions options, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (options.Provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException(
                "Database__Provider is Postgres but ConnectionStrings__Digipaja is not set.");
        Directory.CreateDirectory(options.DataFolder);
        return $"Data Source={Path.Combine(options.DataFolder, "digipaja.db")}";
    }

    /// <summary>Brings the schema up to date and, where asked, fills an empty database with the demo counties.</summary>
    public static Task PrepareDatabaseAsync(this WebApplication app) =>
        PrepareAsync(app.Services, app.Configuration.GetValue<bool?>("Demo:Seed") ?? app.Environment.IsDevelopment());

    /// <summary>What every start does to the database; running it again on a prepared database changes nothing.</summary>
    public static async Task PrepareAsync(IServiceProvider services, bool seedDemo, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
        // Readers of the live stream must not wait for writers: write-ahead logging lets both run at once.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(ct);
        if (seedDemo)
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(ct);
        await scope.ServiceProvider.GetRequiredService<TemplateLibrary>().EnsureBuiltInTemplatesAsync(ct);
    }
}
