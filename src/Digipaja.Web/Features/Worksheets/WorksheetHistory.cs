using Digipaja.Core.Worksheets;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>A worksheet's recorded changes, without the texts of others' notes that are still private to them.</summary>
public sealed class WorksheetHistory(DigipajaDb db, Caller caller)
{
    public const int Limit = 500;

    public async Task<List<AuditEntry>> EntriesAsync(Guid worksheetId, CancellationToken ct = default)
    {
        var hidden = await db.WorksheetItems.Where(i => i.WorksheetId == worksheetId && i.IsPrivate && i.AuthorId != caller.UserId)
            .Select(i => i.Id).ToListAsync(ct);
        // Dots of a vote still open are blind in the history too, as on the board; they show once it closes.
        var openSince = await db.VoteSessions.Where(v => v.WorksheetId == worksheetId && v.ClosedAt == null)
            .Select(v => (DateTime?)v.OpenedAt).MinAsync(ct);
        return await db.AuditEntries.Where(e => e.ScopeId == worksheetId && !hidden.Contains(e.EntityId)
                && !(openSince != null && e.EntityType == nameof(Vote) && e.At >= openSince))
            .OrderByDescending(e => e.Id).Take(Limit).AsNoTracking().ToListAsync(ct);
    }
}
