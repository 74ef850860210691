using System.Data.Common;
using Digipaja.Web.Data;

namespace Digipaja.Web.Tests.Data;

/// <summary>Describes a database's tables, columns, indexes and foreign keys as sorted lines, to compare two schemas.</summary>
public static class SchemaReader
{
    public static async Task<List<string>> DescribeAsync(DbConnection connection, DatabaseProvider provider)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        var lines = provider == DatabaseProvider.Sqlite ? await Sqlite(connection) : await Postgres(connection);
        return lines.Where(l => !l.Contains("schema_migrations")).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> Sqlite(DbConnection c)
    {
        var lines = new List<string>();
        var tables = await Rows(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables.Select(r => (string)r[0]!))
        {
            foreach (var col in await Rows(c, $"PRAGMA table_info(\"{table}\")"))
                lines.Add($"column {table}.{col[1]} {col[2]} notnull={col[3]} pk={col[5]}");
            foreach (var index in await Rows(c, $"PRAGMA index_list(\"{table}\")"))
            {
                var columns = (await Rows(c, $"PRAGMA index_info(\"{index[1]}\")")).Select(r => r[2]);
                lines.Add($"index {table}.{index[1]} unique={index[2]} ({string.Join(",", columns)})");
            }
            foreach (var fk in await Rows(c, $"PRAGMA foreign_key_list(\"{table}\")"))
                lines.Add($"fk {table}.{fk[3]} -> {fk[2]}.{fk[4]} on delete {fk[6]}");
        }
        return lines;
    }

    private static async Task<List<string>> Postgres(DbConnection c)
    {
        var lines = new List<string>();
        foreach (var col in await Rows(c, """
            SELECT table_name, column_name, data_type, is_nullable, coalesce(character_maximum_length, 0), coalesce(column_default, ''), is_identity
            FROM information_schema.columns WHERE table_schema = 'public'
            """))
            lines.Add($"column {col[0]}.{col[1]} {col[2]}({col[4]}) nullable={col[3]} default={col[5]} identity={col[6]}");
        foreach (var index in await Rows(c, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
            lines.Add($"index {index[0]}.{index[1]} {index[2]}");
        foreach (var constraint in await Rows(c, """
            SELECT rel.relname, con.conname, pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = 'public'
            """))
            lines.Add($"constraint {constraint[0]}.{constraint[1]} {constraint[2]}");
        return lines;
    }

    private static async Task<List<object?[]>> Rows(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
