using Digipaja.Web.Accounts;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Features.Workshops;
using Microsoft.EntityFrameworkCore;

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
        services.AddDbContext<DigipajaDb>(db => Configure(db, options.Provider, connectionString));
        services.AddScoped<SchemaMigrator>();
        services.AddScoped<DemoData>();
        services.AddScoped<DemoPlans>();
        services.AddSingleton<BuiltInContent>();
        services.AddScoped<TemplateLibrary>();
        services.AddScoped<SeriesAccess>();
        services.AddScoped<SeriesCreator>();
        services.AddScoped<WorksheetEditor>();
        services.AddScoped<WorksheetHistory>();
        services.AddScoped<TemplateTailoring>();
        services.AddScoped<DotVoting>();
        services.AddScoped<Features.Plans.PlanLoader>();
        services.AddScoped<Features.Plans.PlanAccess>();
        services.AddScoped<Features.Plans.PlanPdf>();
        services.AddScoped<Features.Plans.Versions.PlanVersions>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString)
    {
        _ = provider switch
        {
            DatabaseProvider.Postgres => db.UseNpgsql(connectionString),
            _ => db.UseSqlite(connectionString),
        };
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
