using System.Globalization;
using System.Text.Json;

namespace Digipaja.Core.Worksheets;

/// <summary>One recorded change of a worksheet, one of its items or rows, or one of its votes, as the audit trail keeps it.</summary>
public sealed record RecordedChange(long Id, DateTime At, string UserName, string EntityType, Guid EntityId, string Action, string? Before, string? After);

/// <summary>A word of a history sentence, named in the reader's language when the sentence is told.</summary>
public abstract record HistoryWord
{
    /// <summary>Who made the change; empty for the system.</summary>
    public sealed record Who(string Name) : HistoryWord;

    /// <summary>The kind of item (note, task, metric, phase, milestone) in its cell, partitive when its text is what changed.</summary>
    public sealed record Noun(string Kind, string? CellKey, bool Partitive = false) : HistoryWord;

    public sealed record Cell(string Key) : HistoryWord;

    public sealed record Section(string? Key) : HistoryWord;

    /// <summary>A service row by its id.</summary>
    public sealed record Row(string? RowId) : HistoryWord;

    public sealed record Colour(string? Name) : HistoryWord;

    /// <summary>A text as written, such as the name of a group or a tag.</summary>
    public sealed record Text(string? Value) : HistoryWord;

    /// <summary>What kind of thing changed, for a change no sentence is written for.</summary>
    public sealed record Entity(string Type) : HistoryWord;

    /// <summary>added, modified or deleted, for a change no sentence is written for.</summary>
    public sealed record Done(string Action) : HistoryWord;
}

/// <summary>A sentence: the key of its text and the words that fill it, in order.</summary>
public sealed record HistorySentence(string Key, IReadOnlyList<HistoryWord> Words)
{
    /// <summary>The key of a change no sentence is written for: told as who, what and how.</summary>
    public const string Other = "";
}

/// <summary>A value a change changed, as stored: what it was and became (either may be missing).</summary>
public sealed record HistoryField(string Field, string? Before, string? After);

/// <summary>
/// One recorded change told as a sentence, with the text before and after (only Before: what was deleted; only After:
/// what was written), or else the text of the note it speaks of (Subject), and the other values it changed;
/// RestoreItem or RestoreRow is set while what it deleted is still deleted.
/// </summary>
public sealed record HistoryEntry(
    long Id, DateTime At, HistorySentence Sentence, string? Before, string? After, IReadOnlyList<HistoryField> Details,
    Guid? RestoreItem = null, Guid? RestoreRow = null, string? Subject = null);

/// <summary>
/// Chooses the sentence for each of a worksheet's recorded changes. A change records only the values it changed, so the
/// rest of an item (its cell, its kind) is worked out by walking back from the item as it is now through the values
/// each newer change replaced: every sentence then names the cell and kind the item had at that moment.
/// </summary>
public sealed class HistoryStory(TemplateDefinition template, IReadOnlyList<WorksheetRow> rows, IReadOnlyList<WorksheetItem> items)
{
    /// <summary>The values people see, in the order of the form; ids, versions and times are bookkeeping.</summary>
    public static readonly IReadOnlyList<string> FieldOrder =
        ["Text", "Kind", "RowId", "Owner", "DueDate", "StartDate", "EndDate", "MetricId", "IsGoLive", "Group", "Tag", "Colour", "IsPrivate"];

    // Ids, versions, times and places in a list say nothing of what changed.
    private static readonly HashSet<string> Bookkeeping =
        ["Id", "CountyId", "Version", "WorksheetId", "AuthorId", "AuthorName", "CreatedAt", "UpdatedAt", "Position", "EventSeq"];

    private readonly Dictionary<Guid, WorksheetItem> itemsById = items.ToDictionary(i => i.Id);

    /// <summary>The changes, newest first, each with its sentence.</summary>
    public IReadOnlyList<HistoryEntry> Tell(IReadOnlyList<RecordedChange> newestFirst)
    {
        // Each entity's values as they were after the change being told; starts from how it is now.
        var state = new Dictionary<Guid, Dictionary<string, string?>>();
        var entries = new List<HistoryEntry>(newestFirst.Count);
        foreach (var change in newestFirst)
        {
            var before = Parse(change.Before);
            var after = Parse(change.After);
            var known = state.TryGetValue(change.EntityId, out var s) ? s : Now(change);
            var full = new Dictionary<string, string?>(known);
            foreach (var (k, v) in after) full[k] = v;
            var previous = new Dictionary<string, string?>(full);
            foreach (var (k, v) in before) previous[k] = v;
            state[change.EntityId] = previous;
            entries.Add(Entry(change, before, after, previous, full));
        }
        return entries;
    }

    private Dictionary<string, string?> Now(RecordedChange change)
    {
        if (change.EntityType == nameof(WorksheetItem) && itemsById.TryGetValue(change.EntityId, out var i))
            return new()
            {
                ["CellKey"] = i.CellKey, ["RowId"] = i.RowId?.ToString(), ["Kind"] = i.Kind.ToString(), ["Text"] = i.Text,
                ["Colour"] = i.Colour.ToString(), ["Group"] = i.Group, ["Tag"] = i.Tag, ["Owner"] = i.Owner,
                ["DueDate"] = Iso(i.DueDate), ["StartDate"] = Iso(i.StartDate), ["EndDate"] = Iso(i.EndDate),
                ["IsDeleted"] = i.IsDeleted.ToString(), ["IsPrivate"] = i.IsPrivate.ToString(), ["IsGoLive"] = i.IsGoLive.ToString(),
            };
        return [];
    }

    private HistoryEntry Entry(RecordedChange e, Dictionary<string, string?> before, Dictionary<string, string?> after,
        Dictionary<string, string?> was, Dictionary<string, string?> now)
    {
        var who = new HistoryWord.Who(e.UserName);
        var changed = before.Keys.Union(after.Keys)
            .Where(k => !Bookkeeping.Contains(k) && before.GetValueOrDefault(k) != after.GetValueOrDefault(k)).ToHashSet();
        return e.EntityType switch
        {
            nameof(WorksheetItem) => ItemEntry(e, who, changed, was, now),
            nameof(WorksheetRow) => RowEntry(e, who, changed, now),
            nameof(Worksheet) => SheetEntry(e, who, changed, was, now),
            nameof(VoteSession) => Plain(e, e.Action == "added"
                ? Say("history.vote.opened", who, new HistoryWord.Section(now.GetValueOrDefault("SectionKey")))
                : Say("history.vote.closed", who)),
            nameof(Vote) => Plain(e, Say(e.Action == "deleted" ? "history.vote.withdrawn" : "history.vote.cast", who)),
            _ => Plain(e, Say(HistorySentence.Other, who, new HistoryWord.Entity(e.EntityType), new HistoryWord.Done(e.Action))),
        };
    }

    private HistoryEntry ItemEntry(RecordedChange e, HistoryWord who, HashSet<string> changed, Dictionary<string, string?> was, Dictionary<string, string?> now)
    {
        var cellKey = now.GetValueOrDefault("CellKey") ?? "";
        var noun = Noun(now);
        var cell = new HistoryWord.Cell(cellKey);
        var text = now.GetValueOrDefault("Text");
        var told = new HashSet<string>();
        HistorySentence Told(HistorySentence sentence, params string[] fields)
        {
            told.UnionWith(fields);
            return sentence;
        }
        Guid? restore = null;
        HistorySentence sentence;
        if (e.Action == "added")
            sentence = Told(Say("history.item.added", who, noun, cell), "CellKey", "Text", "Kind", "IsDeleted", "IsPrivate", "RowId");
        else if (e.Action == "deleted")
            sentence = Told(Say("history.item.deleted", who, noun, cell));
        else if (changed.Contains("IsDeleted"))
        {
            var deleted = now.GetValueOrDefault("IsDeleted") == bool.TrueString;
            sentence = Told(Say(deleted ? "history.item.deleted" : "history.item.restored", who, noun, cell), "IsDeleted");
            var current = itemsById.GetValueOrDefault(e.EntityId);
            if (deleted && current is { IsDeleted: true }) restore = e.EntityId;
        }
        else if (changed.Contains("CellKey"))
            sentence = Told(Say("history.item.moved", who, Noun(was), new HistoryWord.Cell(was.GetValueOrDefault("CellKey") ?? ""), cell),
                "CellKey", "Kind");
        else if (changed.Contains("RowId"))
        {
            var row = now.GetValueOrDefault("RowId");
            var ownRow = template.FindCell(cellKey)?.NeedsRow == true;
            sentence = row is null
                ? Told(Say("history.item.untied", who, noun, new HistoryWord.Row(was.GetValueOrDefault("RowId"))), "RowId")
                : Told(Say(ownRow ? "history.item.moved_row" : "history.item.tied", who, noun, new HistoryWord.Row(row)), "RowId");
        }
        else if (changed.Contains("Text"))
            sentence = Told(Say("history.item.changed", who, Noun(now, partitive: true), cell));
        else if (changed.Contains("IsGoLive"))
            sentence = now.GetValueOrDefault("IsGoLive") == bool.TrueString
                ? Told(Say("history.item.go_live", who, noun, new HistoryWord.Row(now.GetValueOrDefault("RowId"))), "IsGoLive")
                : Told(Say("history.item.not_go_live", who, noun), "IsGoLive");
        else if (changed.Contains("Colour") && changed.Count == 1)
            sentence = Told(Say("history.item.coloured", who, noun, new HistoryWord.Colour(now.GetValueOrDefault("Colour"))), "Colour");
        else if (changed.Contains("Group") && changed.Count == 1)
            sentence = now.GetValueOrDefault("Group") is { Length: > 0 } group
                ? Told(Say("history.item.grouped", who, noun, new HistoryWord.Text(group)), "Group")
                : Told(Say("history.item.ungrouped", who, noun, new HistoryWord.Text(was.GetValueOrDefault("Group"))), "Group");
        else if (changed.Contains("Tag") && changed.Count == 1)
            sentence = now.GetValueOrDefault("Tag") is { Length: > 0 } tag
                ? Told(Say("history.item.tagged", who, noun, new HistoryWord.Text(tag)), "Tag")
                : Told(Say("history.item.untagged", who, noun, new HistoryWord.Text(was.GetValueOrDefault("Tag"))), "Tag");
        else if (changed.SetEquals(["IsPrivate"]) && now.GetValueOrDefault("IsPrivate") == bool.FalseString)
            sentence = Told(Say("history.item.revealed", who, noun, cell), "IsPrivate");
        else
            sentence = Say("history.item.changed", who, Noun(now, partitive: true), cell);

        // The text: as written when it was added, as it was when it was deleted, before and after when it changed, and
        // otherwise the note the sentence speaks of.
        string? textBefore = null, textAfter = null, subject = null;
        if (changed.Contains("Text") && e.Action == "modified") (textBefore, textAfter) = (was.GetValueOrDefault("Text"), text);
        else if (e.Action == "deleted" || (e.Action == "modified" && now.GetValueOrDefault("IsDeleted") == bool.TrueString && changed.Contains("IsDeleted")))
            textBefore = text;
        else if (e.Action == "added") textAfter = text;
        else subject = text;

        var details = new List<HistoryField>();
        if (e.Action == "added" && now.GetValueOrDefault("RowId") is { } addedRow)
            details.Add(new HistoryField("RowId", null, addedRow));
        foreach (var field in FieldOrder.Where(f => changed.Contains(f) && !told.Contains(f) && f != "Text"))
        {
            var (b, a) = (was.GetValueOrDefault(field), now.GetValueOrDefault(field));
            if (e.Action == "added")
            {
                // A new note's defaults say nothing: only what was written or chosen for it.
                if (string.IsNullOrEmpty(a) || a == bool.FalseString || (field == "Colour" && a == nameof(NoteColour.Yellow))) continue;
                b = null;
            }
            details.Add(new HistoryField(field, b, a));
        }
        return new HistoryEntry(e.Id, e.At, sentence, textBefore, textAfter, details, RestoreItem: restore, Subject: subject);
    }

    private HistoryEntry RowEntry(RecordedChange e, HistoryWord who, HashSet<string> changed, Dictionary<string, string?> now)
    {
        var row = new HistoryWord.Row(e.EntityId.ToString());
        if (e.Action == "added") return Plain(e, Say("history.row.added", who, row));
        if (changed.Contains("IsDeleted"))
        {
            var removed = now.GetValueOrDefault("IsDeleted") == bool.TrueString;
            var stillRemoved = removed && rows.Any(r => r.Id == e.EntityId && r.IsDeleted);
            return Plain(e, Say(removed ? "history.row.removed" : "history.row.restored", who, row)) with
            {
                RestoreRow = stillRemoved ? e.EntityId : null,
            };
        }
        return Plain(e, Say("history.row.changed", who, row));
    }

    private static HistoryEntry SheetEntry(RecordedChange e, HistoryWord who, HashSet<string> changed, Dictionary<string, string?> was, Dictionary<string, string?> now)
    {
        HistorySentence Says(string key, params HistoryWord[] words) => Say(key, [who, .. words]);
        var sentence = !changed.Contains("IdeationSectionKey") ? null
            : (was.GetValueOrDefault("IdeationSectionKey"), now.GetValueOrDefault("IdeationSectionKey")) switch
            {
                (_, { } to) => Says("history.sheet.ideation_started", new HistoryWord.Section(to)),
                ({ } from, null) => Says("history.sheet.ideation_revealed", new HistoryWord.Section(from)),
                _ => null,
            };
        if (sentence is null && (changed.Contains("TimerEndsAt") || changed.Contains("TimerPausedSeconds")))
        {
            var (endsBefore, pausedBefore) = (was.GetValueOrDefault("TimerEndsAt"), was.GetValueOrDefault("TimerPausedSeconds"));
            var (endsAfter, pausedAfter) = (now.GetValueOrDefault("TimerEndsAt"), now.GetValueOrDefault("TimerPausedSeconds"));
            sentence = (endsAfter, pausedAfter) switch
            {
                (null, null) => Says("history.sheet.timer_stopped"),
                (null, _) when pausedBefore is null => Says("history.sheet.timer_paused"),
                (null, _) => Says("history.sheet.timer_extended"),
                (_, _) when pausedBefore is not null => Says("history.sheet.timer_resumed"),
                (_, _) when endsBefore is not null => Says("history.sheet.timer_extended"),
                _ => Says("history.sheet.timer_started"),
            };
        }
        return Plain(e, sentence ?? Says("history.sheet.changed"));
    }

    private static HistorySentence Say(string key, params HistoryWord[] words) => new(key, words);

    private static HistoryEntry Plain(RecordedChange e, HistorySentence sentence) => new(e.Id, e.At, sentence, null, null, []);

    /// <summary>The kind of an item as a noun in a sentence, with the cell it is in (a task may be a thing given up).</summary>
    private static HistoryWord.Noun Noun(Dictionary<string, string?> values, bool partitive = false) =>
        new(values.GetValueOrDefault("Kind")?.ToLowerInvariant() ?? "note", values.GetValueOrDefault("CellKey"), partitive);

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> Parse(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!
            .ToDictionary(p => p.Key, p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.True => bool.TrueString,
                JsonValueKind.False => bool.FalseString,
                _ => p.Value.ToString(),
            });
}
