using System.Globalization;
using System.Text.Json;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin;

/// <summary>The county's latest recorded changes: who, when, what, and each changed value before and after.</summary>
public sealed class HistoryModel(DigipajaDb db, Caller caller) : PageModel
{
    public const int PageSize = 200;
    private static readonly TimeZoneInfo Finland = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    public sealed record Change(string Field, string? Before, string? After);

    public List<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A note written during individual ideation is its author's alone until the facilitator reveals it; the
        // county's history must not show its text to the administrator earlier than the worksheet's own history does
        // (see WorksheetHistory). Once revealed, its entries appear here like any other.
        var userId = caller.UserId;
        Entries = await db.AuditEntries
            .Where(e => !db.WorksheetItems.Any(i => i.Id == e.EntityId && i.IsPrivate && i.AuthorId != userId))
            .OrderByDescending(e => e.Id).Take(PageSize).AsNoTracking().ToListAsync(ct);
    }

    public static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Finland).ToString("g", CultureInfo.CurrentCulture);

    // Ids and versions are bookkeeping; people want to see what the content was and became.
    private static readonly HashSet<string> Bookkeeping =
    [
        "Id", "CountyId", "Version", "SortOrder", "Position", "WorksheetId", "SeriesId", "WorkshopId", "TemplateId", "AuthorId",
        "CreatedAt", "UpdatedAt", "EventSeq", "Revision",
    ];

    public static IEnumerable<Change> Changes(AuditEntry entry)
    {
        var before = Parse(entry.Before);
        var after = Parse(entry.After);
        foreach (var field in before.Keys.Union(after.Keys).Where(f => !Bookkeeping.Contains(f)).Order())
        {
            var b = before.GetValueOrDefault(field);
            var a = after.GetValueOrDefault(field);
            if (b != a) yield return new Change(field, b, a);
        }
    }

    private static Dictionary<string, string?> Parse(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!
            .ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ToString());
}
