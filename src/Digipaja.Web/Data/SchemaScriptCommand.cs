using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Data;

/// <summary>
/// <c>dotnet run --no-launch-profile --project src/Digipaja.Web -- schema-script Sqlite|Postgres</c> prints the schema the EF model
/// expects, the starting point for writing the next migration script by hand.
/// </summary>
public static class SchemaScriptCommand
{
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length < 1 || args[0] != "schema-script") return false;
        var provider = args.Length > 1 && Enum.TryParse<DatabaseProvider>(args[1], true, out var p) ? p : DatabaseProvider.Sqlite;
        var options = new DbContextOptionsBuilder<DigipajaDb>();
        DatabaseSetup.Configure(options, provider,
            provider == DatabaseProvider.Postgres ? "Host=localhost" : "Data Source=:memory:");
        await using var db = new DigipajaDb(options.Options);
        Console.WriteLine(db.Database.GenerateCreateScript());
        return true;
    }
}
