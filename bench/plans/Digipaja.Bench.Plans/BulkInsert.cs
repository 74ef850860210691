using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Digipaja.Bench.Plans;

/// <summary>
/// Inserts many entities with multi-row INSERT statements built from the EF model, so the tables, columns and value
/// conversions are exactly those the app reads, on SQLite and PostgreSQL alike. It bypasses the change tracker and
/// the app's audit log on purpose: 100,000 generated notes need no history, and SaveChanges would take minutes.
/// </summary>
public static class BulkInsert
{
    // PostgreSQL takes up to 65,535 parameters in one statement. SQLite looks each parameter up by name when binding,
    // which grows with the square of the parameters in a statement, so there one row a statement is fastest.
    private const int MaxParameters = 30_000;

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> entities, CancellationToken ct = default) where T : class
    {
        if (entities.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table), Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .Where(c => c.Column is not null).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!)))}) VALUES ";
        var perStatement = db.Database.IsSqlite() ? 1 : Math.Max(1, MaxParameters / columns.Count);

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            for (var start = 0; start < entities.Count; start += perStatement)
            {
                var batch = entities.Skip(start).Take(perStatement).ToList();
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var text = new StringBuilder(head);
                var n = 0;
                for (var r = 0; r < batch.Count; r++)
                {
                    text.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var (property, _, mapping) = columns[c];
                        var name = "@p" + n++;
                        text.Append(c == 0 ? name : ", " + name);
                        command.Parameters.Add(Parameter(command, mapping, name, property.GetGetter().GetClrValue(batch[r]), property.IsNullable));
                    }
                    text.Append(')');
                }
                command.CommandText = text.ToString();
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    /// <summary>The type mapping converts the value (enums, dates, GUIDs as SQLite stores them) as EF itself would.</summary>
    private static DbParameter Parameter(DbCommand command, RelationalTypeMapping mapping, string name, object? value, bool nullable) =>
        mapping.CreateParameter(command, name, value, nullable);
}
