using Digipaja.Web.Data;
using Microsoft.Data.Sqlite;

namespace Digipaja.Web.Tests.Data;

/// <summary>Migration 0009 keeps the go-live dates of plans made before a service had an explicit go-live milestone.</summary>
public sealed class GoLiveMigrationTests
{
    [Fact]
    public async Task Each_service_rows_last_dated_milestone_becomes_its_go_live_and_nothing_else_does()
    {
        // Foreign keys off: only the items matter here, not the worksheets and counties they would belong to.
        await using var connection = new SqliteConnection("Data Source=:memory:;Foreign Keys=False");
        await connection.OpenAsync();
        var scripts = SchemaMigrator.Scripts(DatabaseProvider.Sqlite);
        foreach (var (_, sql) in scripts.Where(s => string.CompareOrdinal(s.Id, "0009") < 0)) await Execute(connection, sql);
        var (row, other, deletedOnly) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var early = await Item(connection, row, "Milestone", "2027-03-01");
        var last = await Item(connection, row, "Milestone", "2027-09-01");
        var deleted = await Item(connection, row, "Milestone", "2027-12-01", deleted: true);
        var phase = await Item(connection, row, "Phase", "2027-10-01");
        var undated = await Item(connection, other, "Milestone", null);
        var only = await Item(connection, other, "Milestone", "2027-05-01");
        var gone = await Item(connection, deletedOnly, "Milestone", "2027-05-01", deleted: true);

        await Execute(connection, scripts.Single(s => s.Id.StartsWith("0009", StringComparison.Ordinal)).Sql);

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"Id\" FROM \"WorksheetItems\" WHERE \"IsGoLive\" = 1";
        var marked = new List<string>();
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) marked.Add(reader.GetString(0));
        Assert.Equal(new[] { last, only }.Order(), marked.Order());
        Assert.DoesNotContain(early, marked);
        Assert.DoesNotContain(deleted, marked);
        Assert.DoesNotContain(phase, marked);
        Assert.DoesNotContain(undated, marked);
        Assert.DoesNotContain(gone, marked);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> Item(SqliteConnection connection, Guid row, string kind, string? start, bool deleted = false)
    {
        var id = Guid.NewGuid().ToString().ToUpperInvariant();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO "WorksheetItems" ("Id", "CountyId", "WorksheetId", "CellKey", "RowId", "Kind", "Text", "Group", "Colour", "Tag",
                "Position", "Owner", "StartDate", "AuthorName", "IsPrivate", "IsDeleted", "Version", "CreatedAt", "UpdatedAt")
            VALUES ($id, $county, $sheet, 'development-path', $row, $kind, 'x', '', 'Yellow', '', 0, '', $start, '', 0, $deleted, 1, '2026-01-01', '2026-01-01')
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$county", Guid.NewGuid().ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$sheet", Guid.NewGuid().ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$row", row.ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$start", (object?)start ?? DBNull.Value);
        command.Parameters.AddWithValue("$deleted", deleted ? 1 : 0);
        await command.ExecuteNonQueryAsync();
        return id;
    }
}
