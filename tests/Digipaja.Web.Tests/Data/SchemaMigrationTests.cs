using Digipaja.Web.Data;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Digipaja.Web.Tests.Data;

public abstract class SchemaMigrationTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : SchemaMigrationTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : SchemaMigrationTests(app);

    [Fact]
    public async Task The_migrated_schema_is_exactly_the_schema_the_model_expects()
    {
        List<string> migrated;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
            migrated = await SchemaReader.DescribeAsync(db.Database.GetDbConnection(), app.Provider);
        }

        var expected = await ModelSchemaAsync(app.Provider);

        Assert.Equal(expected, migrated);
    }

    [Fact]
    public async Task Every_migration_is_recorded_once()
    {
        using var scope = app.Services.CreateScope();
        var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();
        Assert.Empty(await migrator.MigrateAsync());
        var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
        var recorded = await db.Database.SqlQueryRaw<string>("SELECT id AS \"Value\" FROM schema_migrations").ToListAsync();
        Assert.Equal(SchemaMigrator.Scripts(app.Provider).Select(s => s.Id), recorded.Order());
    }

    [Fact]
    public async Task Starting_the_app_again_on_the_same_database_changes_nothing_and_loses_nothing()
    {
        var before = await Counts();
        await using (var second = app.WithWebHostBuilder(_ => { }))
        {
            _ = second.Server;
        }
        Assert.Equal(before, await Counts());
    }

    private Task<string> Counts() => app.Query(async db =>
        string.Join(",", await db.Counties.CountAsync(), await db.ServiceAreas.IgnoreQueryFilters().CountAsync(),
            await db.ServiceLines.IgnoreQueryFilters().CountAsync(), await db.Functionalities.IgnoreQueryFilters().CountAsync(),
            await db.Metrics.IgnoreQueryFilters().CountAsync(), await db.Users.CountAsync(),
            await db.AuditEntries.IgnoreQueryFilters().CountAsync()));

    /// <summary>The schema EF creates straight from the model, in a database of its own.</summary>
    private static async Task<List<string>> ModelSchemaAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"digipaja-model-{Guid.NewGuid():N}.db");
            try
            {
                await using var db = Context(provider, $"Data Source={file}");
                await db.Database.EnsureCreatedAsync();
                return await SchemaReader.DescribeAsync(db.Database.GetDbConnection(), provider);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                File.Delete(file);
            }
        }

        var name = $"digipaja_model_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresApp.AdminConnectionString) { Database = name }.ConnectionString;
        try
        {
            await using var db = Context(provider, connectionString);
            await db.Database.EnsureCreatedAsync();
            return await SchemaReader.DescribeAsync(db.Database.GetDbConnection(), provider);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresApp.DropAsync(name);
        }
    }

    private static DigipajaDb Context(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<DigipajaDb>();
        DatabaseSetup.Configure(options, provider, connectionString);
        return new DigipajaDb(options.Options);
    }
}
