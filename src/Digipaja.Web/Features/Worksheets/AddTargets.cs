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
    private readonly ConcurrentDictionary<(Guid Worksheet, string Cell), LastPosition> cells = new();

    private sealed class LastPosition(int value)
    {
        public int Value = value;
    }

    /// <summary>The remembered worksheet and the next position of the cell, reserved for the caller's note.</summary>
    public bool TryReserve(Guid worksheetId, Guid? userId, string cellKey, out LoadedSheet target, out int position)
    {
        position = 0;
        if (!targets.TryGetValue((worksheetId, userId), out target!) || !cells.TryGetValue((worksheetId, cellKey), out var last)) return false;
        position = Interlocked.Increment(ref last.Value);
        return true;
    }

    /// <summary>Remembers what was just read from the database and reserves the next position of the cell.</summary>
    public int RememberAndReserve(Guid worksheetId, Guid? userId, string cellKey, LoadedSheet target, int? lastPosition)
    {
        if (targets.Count + cells.Count > MaxEntries)
        {
            targets.Clear();
            cells.Clear();
        }
        targets[(worksheetId, userId)] = target;
        var stored = lastPosition ?? -1;
        var last = cells.GetOrAdd((worksheetId, cellKey), _ => new LastPosition(stored));
        // Another note of this node may already have taken a later position than the database had seen.
        int seen;
        while ((seen = Volatile.Read(ref last.Value)) < stored && Interlocked.CompareExchange(ref last.Value, stored, seen) != seen) { }
        return Interlocked.Increment(ref last.Value);
    }

    /// <summary>A write found these stale: read them again next time.</summary>
    public void Forget(Guid worksheetId, Guid? userId, string cellKey)
    {
        targets.TryRemove((worksheetId, userId), out _);
        cells.TryRemove((worksheetId, cellKey), out _);
    }
}
