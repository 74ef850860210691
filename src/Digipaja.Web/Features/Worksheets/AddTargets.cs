using System.Collections.Concurrent;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>
/// What adding a note needs to know, kept in this node's memory so that a note costs no read before its write: the
/// worksheet (not tracked, never changed through here), its template's revision, the caller's role in its series,
/// and the last position given out in each cell. Only a hint: the group-commit statement checks under the worksheet
/// lock that the worksheet, the ideation section, the caller's access and the position still hold, and a note whose
/// hint was stale is loaded from the database and written again. So nothing has to tell this memory about changes.
/// </summary>
public sealed class AddTargets
{
    /// <summary>Past this many entries everything is forgotten at once: a plain bound on the memory it may take.</summary>
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<(Guid Worksheet, Guid? User), LoadedSheet> targets = new();
    private readonly ConcurrentDictionary<(Guid Worksheet, string Cell), CellOrder> cells = new();

    /// <summary>The last position given out in a cell; also the lock that keeps the cell's notes in that order.</summary>
    private sealed class CellOrder
    {
        public int Last = -1;
    }

    /// <summary>The remembered worksheet, when the cell's last position is remembered too.</summary>
    public LoadedSheet? Remembered(Guid worksheetId, Guid? userId, string cellKey) =>
        targets.TryGetValue((worksheetId, userId), out var target) && cells.ContainsKey((worksheetId, cellKey)) ? target : null;

    /// <summary>Remembers what was just read from the database.</summary>
    public void Remember(Guid worksheetId, Guid? userId, LoadedSheet target)
    {
        if (targets.Count + cells.Count > MaxEntries)
        {
            targets.Clear();
            cells.Clear();
        }
        targets[(worksheetId, userId)] = target;
    }

    /// <summary>
    /// Gives a note the next position of its cell (after <paramref name="lastStored"/> too, when it was just read) and
    /// queues its write in the same step, so that this node's notes of a cell reach the writer in the order of their
    /// positions: the write refuses a note whose cell already has one at or after its position.
    /// <paramref name="queue"/> must only queue (not wait for) the write, as it runs under the cell's lock.
    /// </summary>
    public Task<bool> QueueInOrder(Guid worksheetId, string cellKey, int? lastStored, Func<int, Task<bool>> queue)
    {
        var cell = cells.GetOrAdd((worksheetId, cellKey), _ => new CellOrder());
        lock (cell)
        {
            cell.Last = Math.Max(cell.Last, lastStored ?? -1) + 1;
            return queue(cell.Last);
        }
    }

    /// <summary>A write found the caller's worksheet stale: read it again next time.</summary>
    public void Forget(Guid worksheetId, Guid? userId) => targets.TryRemove((worksheetId, userId), out _);
}
