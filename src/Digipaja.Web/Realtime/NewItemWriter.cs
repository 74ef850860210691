using System.Threading.Channels;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Npgsql;
using NpgsqlTypes;

namespace Digipaja.Web.Realtime;

/// <summary>
/// What a new item was validated against, checked again when it is written: the worksheet's ideation section (it
/// decides whether the item is private), whether its author may write by their county role or only as a member of
/// the series, and its position (no item of the cell may be at it or after it; a node queues the notes of a cell in
/// the order of their positions, so only another node's notes can make this fail).
/// </summary>
public sealed record AddChecks(string? IdeationSectionKey, bool ByCountyRole);

/// <summary>A new item waiting to be written with its history entry and its live event (whose number it gets).</summary>
public sealed class PendingItem(WorksheetItem item, AuditEntry audit, WorksheetEvent e, AddChecks checks)
{
    public WorksheetItem Item { get; } = item;
    public AuditEntry Audit { get; } = audit;
    public WorksheetEvent Event { get; } = e;
    public AddChecks Checks { get; } = checks;
    internal TaskCompletionSource<bool> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Writes new worksheet items on PostgreSQL, the hottest write of a workshop (everyone adding notes at once), with
/// group commit: the items added while one batch is being written go together into the next, as one batch of
/// statements in one round trip and one transaction, so that a busy node pays one commit (one WAL flush) for many
/// notes instead of one each and keeps one database connection busy instead of one per writer.
/// Each item is one statement that takes its worksheet's next event number (locking the worksheet row until commit,
/// as <see cref="LiveEvents"/> does), inserts the item, its history entry and its event, and queues the NOTIFY.
/// Only after the commit are the events handed to this node's streams, in number order.
/// </summary>
public sealed class NewItemWriter(string connectionString, WorksheetEventHub hub, ILogger<NewItemWriter> log) : BackgroundService
{
    public const int MaxBatch = 100;

    // A pool of its own (the pool is chosen by connection string): the one writer then reuses one connection, whose
    // server process keeps the statement prepared and its caches warm, instead of whichever the requests left idle.
    private readonly string ownPool = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "digipaja-new-items" }.ConnectionString;

    private readonly Channel<PendingItem> queue = Channel.CreateUnbounded<PendingItem>(new() { SingleReader = true });

    /// <summary>Batches written so far (for tests and diagnostics).</summary>
    public long Batches => Interlocked.Read(ref batches);
    private long batches;

    /// <summary>
    /// Written and announced: true; false when nothing was written because the worksheet no longer exists or one of
    /// the item's <see cref="AddChecks"/> no longer holds.
    /// </summary>
    public Task<bool> WriteAsync(PendingItem pending)
    {
        if (!queue.Writer.TryWrite(pending)) pending.Written.TrySetException(new InvalidOperationException("The app is stopping."));
        return pending.Written.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingItem>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending)) batch.Add(pending);
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var left)) left.Written.TrySetCanceled();
        }
    }

    private async Task WriteBatchAsync(List<PendingItem> batch)
    {
        // One lock order for every batch (worksheet id, then arrival), so that two nodes' batches cannot deadlock.
        var ordered = batch.Count == 1 ? batch : batch.OrderBy(p => p.Event.WorksheetId).ToList();
        try
        {
            await WriteAsync(ordered);
            Interlocked.Increment(ref batches);
        }
        catch (PostgresException) when (ordered.Count > 1)
        {
            // One bad item (say, its row was deleted a moment ago) rolled back the whole batch: the others must not
            // fail with it, so each is written again on its own and only the bad one fails.
            foreach (var pending in ordered)
            {
                try
                {
                    await WriteAsync([pending]);
                    Interlocked.Increment(ref batches);
                }
                catch (Exception e)
                {
                    pending.Written.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Writing {Count} new worksheet items failed", ordered.Count);
            foreach (var pending in ordered) pending.Written.TrySetException(e);
        }
    }

    private async Task WriteAsync(IReadOnlyList<PendingItem> items)
    {
        var numbers = new long?[items.Count];
        await using (var connection = new NpgsqlConnection(ownPool))
        {
            await connection.OpenAsync();
            // Without an explicit transaction the statements of a batch run in one implicit transaction, committed
            // when the batch ends: all of them or none.
            await using var batch = new NpgsqlBatch(connection);
            foreach (var pending in items) batch.BatchCommands.Add(Command(pending));
            await using var reader = await batch.ExecuteReaderAsync();
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) await reader.NextResultAsync();
                numbers[i] = await reader.ReadAsync() ? reader.GetInt64(0) : null;
            }
            // Reading to the end waits for the commit; only then may anyone hear of these items.
            while (await reader.NextResultAsync()) { }
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (numbers[i] is { } seq)
            {
                items[i].Event.Seq = seq;
                hub.Publish(items[i].Event);
            }
            items[i].Written.TrySetResult(numbers[i] is not null);
        }
    }

    private NpgsqlBatchCommand Command(PendingItem pending)
    {
        var (item, audit, e, checks) = (pending.Item, pending.Audit, pending.Event, pending.Checks);
        var command = new NpgsqlBatchCommand(InsertSql);
        var p = command.Parameters;
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = e.WorksheetId }); // $1
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = e.CountyId });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = $"{e.WorksheetId}:" });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = $":{hub.Node}" });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = item.Id }); // $5
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = item.CellKey });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)item.RowId ?? DBNull.Value });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = item.Kind.ToString() });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = item.Text });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = item.Group }); // $10
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = item.Colour.ToString() });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = item.Tag });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = item.Position });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = item.Owner });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)item.DueDate ?? DBNull.Value }); // $15
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)item.StartDate ?? DBNull.Value });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)item.EndDate ?? DBNull.Value });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)item.MetricId ?? DBNull.Value });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)item.AuthorId ?? DBNull.Value });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = item.AuthorName }); // $20
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Boolean, Value = item.IsPrivate });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Boolean, Value = item.IsDeleted });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = item.Version });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = item.CreatedAt });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = item.UpdatedAt }); // $25
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = e.At });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)audit.UserId ?? DBNull.Value });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = audit.UserName });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = audit.EntityType });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = audit.After! }); // $30
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = e.Payload });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)e.AudienceUserId ?? DBNull.Value });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)checks.IdeationSectionKey ?? DBNull.Value });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Boolean, Value = checks.ByCountyRole });
        p.Add(new() { NpgsqlDbType = NpgsqlDbType.Boolean, Value = item.IsGoLive }); // $35
        return command;
    }

    /// <summary>
    /// Every column of a new item and the parameter that fills it, in one list, so that a column cannot be added to one
    /// without the other (a test checks that the list holds every column the model maps).
    /// </summary>
    public static readonly IReadOnlyList<(string Column, string Value)> ItemColumns =
    [
        ("Id", "$5"), ("CountyId", "$2"), ("WorksheetId", "$1"), ("CellKey", "$6"), ("RowId", "$7"), ("Kind", "$8"), ("Text", "$9"),
        ("Group", "$10"), ("Colour", "$11"), ("Tag", "$12"), ("Position", "$13"), ("Owner", "$14"), ("DueDate", "$15"),
        ("StartDate", "$16"), ("EndDate", "$17"), ("MetricId", "$18"), ("IsGoLive", "$35"), ("AuthorId", "$19"), ("AuthorName", "$20"),
        ("IsPrivate", "$21"), ("IsDeleted", "$22"), ("Version", "$23"), ("CreatedAt", "$24"), ("UpdatedAt", "$25"),
    ];

    // Every insert reads from the numbering, so nothing is written when the worksheet is gone (or of another county)
    // or when a check fails: the author's access, the ideation section or the position changed since they were read.
    // Positional parameters: Npgsql sends the text as it is, without parsing it for names.
    private static readonly string InsertSql = $"""
        WITH n AS (UPDATE "Worksheets" AS w SET "EventSeq" = w."EventSeq" + 1
            WHERE w."Id" = $1 AND w."CountyId" = $2 AND w."IdeationSectionKey" IS NOT DISTINCT FROM $33
                AND ($34 OR EXISTS (SELECT 1 FROM "SeriesMembers" m WHERE m."SeriesId" = w."SeriesId" AND m."UserId" = $19))
                AND NOT EXISTS (SELECT 1 FROM "WorksheetItems" o WHERE o."WorksheetId" = $1 AND o."CellKey" = $6 AND o."Position" >= $13)
            RETURNING w."EventSeq"),
        i AS (INSERT INTO "WorksheetItems" ({string.Join(", ", ItemColumns.Select(c => $"\"{c.Column}\""))})
            SELECT {string.Join(", ", ItemColumns.Select(c => c.Value))} FROM n),
        a AS (INSERT INTO "AuditEntries" ("CountyId", "At", "UserId", "UserName", "EntityType", "EntityId", "ScopeId", "Action", "Before", "After")
            SELECT $2, $26, $27, $28, $29, $5, $1, 'added', NULL, $30 FROM n),
        e AS (INSERT INTO "WorksheetEvents" ("CountyId", "WorksheetId", "Seq", "At", "Type", "Payload", "AudienceUserId")
            SELECT $2, $1, n."EventSeq", $26, 'item', $31, $32 FROM n)
        SELECT n."EventSeq" FROM n, LATERAL pg_notify('{LiveEvents.Channel}', $3 || n."EventSeq" || $4) AS notified
        """;
}
