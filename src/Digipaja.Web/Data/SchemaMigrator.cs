using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Data;

/// <summary>
/// Applies the ordered SQL scripts under Data/Migrations/&lt;provider&gt;/ that the database has not seen yet,
/// each in its own transaction together with its row in schema_migrations. The EF design-time tools are
/// not available to this project, so the scripts are written by hand (the first one was generated with
/// <c>dotnet run --no-launch-profile --project src/Digipaja.Web -- schema-script</c>) and a test keeps them equal to the model.
/// </summary>
public sealed class SchemaMigrator(DigipajaDb db, ILogger<SchemaMigrator> log)
{
    private const long PostgresLockKey = 0x44_69_67_69_70_61_6A_61; // "Digipaja"

    public static IReadOnlyList<(string Id, string Sql)> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Data.Migrations.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..^4], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public DatabaseProvider Provider => db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        var applied = new List<string>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await Execute(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (id VARCHAR(200) PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)", ct);
            foreach (var (id, sql) in Scripts(Provider))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                // Two app nodes starting together must not both apply the same script.
                if (Provider == DatabaseProvider.Postgres)
                    await Execute(connection, tx, $"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
                if (await IsApplied(connection, tx, id, ct)) { await tx.RollbackAsync(ct); continue; }
                await Execute(connection, tx, sql, ct);
                await using (var insert = connection.CreateCommand())
                {
                    insert.Transaction = tx;
                    insert.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES (@id, @at)";
                    AddParameter(insert, "@id", id);
                    AddParameter(insert, "@at", DateTime.UtcNow.ToString("O"));
                    await insert.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                log.LogInformation("Applied schema migration {Migration}", id);
                applied.Add(id);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return applied;
    }

    private static async Task<bool> IsApplied(DbConnection connection, DbTransaction tx, string id, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE id = @id";
        AddParameter(cmd, "@id", id);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct)) > 0;
    }

    private static async Task Execute(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
