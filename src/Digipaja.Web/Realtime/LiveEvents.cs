using System.Text.Json;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Realtime;

/// <summary>
/// Saves a worksheet change together with its live event, in one transaction. The event takes the worksheet's next
/// number while the worksheet row is locked by that increment, so two writers of one worksheet commit their events
/// in number order and a reader that has seen number N has seen everything before it.
/// </summary>
public sealed class LiveEvents(DigipajaDb db, WorksheetEventHub hub, TimeProvider time, NewItemWriter? writer = null)
{
    public const string Channel = "digipaja_worksheet_events";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task SaveWithEventAsync(Worksheet sheet, string type, object payload, Guid? audience = null, CancellationToken ct = default) =>
        SaveAsync(sheet, type, null, payload, audience, ct);

    /// <summary>
    /// Saves the pending changes first and only then builds the event, for events that report the saved state
    /// (such as vote counts) — all in the same transaction.
    /// </summary>
    public Task SaveWithEventAsync(Worksheet sheet, string type, Func<Task<object>> payloadAfterSave, Guid? audience = null, CancellationToken ct = default) =>
        SaveAsync(sheet, type, payloadAfterSave, null, audience, ct);

    /// <summary>
    /// As <see cref="SaveWithEventAsync(Worksheet, string, Func{Task{object}}, Guid?, CancellationToken)"/>, with a step
    /// that runs once the worksheet row is locked, before anything is saved: it checks what must hold against every
    /// change committed before (a limit such as a vote budget) and makes the change, or returns false, and then
    /// nothing is written and no event is sent. Changes of the same worksheet take the lock one at a time, so a check
    /// and the write it allows cannot be overtaken by another request's.
    /// </summary>
    public Task<bool> SaveWithEventAsync(Worksheet sheet, string type, Func<Task<bool>> underLock, Func<Task<object>> payloadAfterSave, CancellationToken ct = default) =>
        SaveAsync(sheet, type, payloadAfterSave, null, null, ct, underLock);

    /// <summary>
    /// New items are written in groups (PostgreSQL) through <see cref="QueueNewItem"/>, which checks what each item was
    /// validated against; elsewhere through <see cref="AddItemWithEventAsync"/>, which trusts the caller's fresh read.
    /// </summary>
    public bool WritesItemsInGroups => writer is not null;

    /// <summary>Adds a new item with its history entry and its live event, in one transaction of its own.</summary>
    public Task AddItemWithEventAsync(Worksheet sheet, WorksheetItem item, object payload, Guid? audience, CancellationToken ct = default)
    {
        db.WorksheetItems.Add(item);
        return SaveAsync(sheet, "item", null, payload, audience, ct);
    }

    /// <summary>
    /// Queues a new item with its history entry and its live event for the <see cref="NewItemWriter"/>, which writes it
    /// together with the other items added at the same moment, in the order queued. The task's false means that the
    /// worksheet no longer exists or <paramref name="checks"/> no longer hold, and nothing was written. Queueing
    /// itself does not wait, and the write is not cancelled with the request: once queued, it is done as if the
    /// client had waited for it.
    /// </summary>
    public Task<bool> QueueNewItem(Worksheet sheet, WorksheetItem item, object payload, Guid? audience, AddChecks checks)
    {
        if (writer is null) throw new InvalidOperationException("New items are written in groups only on PostgreSQL.");
        if (db.CountyId != sheet.CountyId) throw new InvalidOperationException("Refusing to write data of another county.");
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("New items are written by their own transaction, so that they are announced after it.");
        item.CountyId = sheet.CountyId;
        var at = time.GetUtcNow().UtcDateTime;
        var e = new WorksheetEvent
        {
            CountyId = sheet.CountyId, WorksheetId = sheet.Id, At = at, Type = "item",
            Payload = JsonSerializer.Serialize(payload, Json), AudienceUserId = audience,
        };
        return writer.WriteAsync(new PendingItem(item, db.AuditOfAdded(item, at), e, checks));
    }

    private async Task<bool> SaveAsync(Worksheet sheet, string type, Func<Task<object>>? payloadAfterSave, object? payload, Guid? audience,
        CancellationToken ct, Func<Task<bool>>? underLock = null)
    {
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("Live events commit their own transaction, so that they are announced after it.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One round trip takes the number and locks the worksheet row until commit. On PostgreSQL the same statement
        // queues the NOTIFY that tells every app node "worksheet:number:node"; PostgreSQL delivers it only at commit.
        // The writing node hands the event to its own streams itself and ignores its own notification.
        var seq = (await (db.Database.IsNpgsql()
                ? db.Database.SqlQuery<long>($"""
                    WITH n AS (UPDATE "Worksheets" SET "EventSeq" = "EventSeq" + 1 WHERE "Id" = {sheet.Id} RETURNING "EventSeq")
                    SELECT n."EventSeq" AS "Value" FROM n, LATERAL pg_notify({Channel}, {sheet.Id.ToString()} || ':' || n."EventSeq" || {":" + hub.Node.ToString()}) AS notified
                    """)
                : db.Database.SqlQuery<long>(
                    $"UPDATE \"Worksheets\" SET \"EventSeq\" = \"EventSeq\" + 1 WHERE \"Id\" = {sheet.Id} RETURNING \"EventSeq\" AS \"Value\""))
            .ToListAsync(ct)).Single();
        if (underLock is not null && !await underLock()) return false; // rolled back: the number is not used
        if (payloadAfterSave is not null)
        {
            await db.SaveChangesAsync(ct);
            payload = await payloadAfterSave();
        }
        var e = new WorksheetEvent
        {
            CountyId = sheet.CountyId, WorksheetId = sheet.Id, Seq = seq, At = time.GetUtcNow().UtcDateTime, Type = type,
            Payload = JsonSerializer.Serialize(payload, Json), AudienceUserId = audience,
        };
        db.WorksheetEvents.Add(e);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // Committed: this node hands the event to its own subscribers without reading it back.
        hub.Publish(e);
        return true;
    }
}
