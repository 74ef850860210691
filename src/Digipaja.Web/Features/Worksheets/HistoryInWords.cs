using System.Globalization;
using System.Text.Json;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>One value of a change as people read it: what it is, and what it was and became (either may be missing).</summary>
public sealed record HistoryDetail(string Label, string? Before, string? After);

/// <summary>
/// One recorded change told as a sentence ("Maija moved a note from Customers to Goals"), with the text before and after
/// (only Before: what was deleted; only After: what was written), or else the text of the note it speaks of (Subject),
/// and the other values it changed; RestoreItem or RestoreRow is set while what it deleted is still deleted.
/// </summary>
public sealed record HistoryLine(
    long Id, DateTime At, string Sentence, string? Before, string? After, IReadOnlyList<HistoryDetail> Details,
    Guid? RestoreItem = null, Guid? RestoreRow = null, string? Subject = null);

/// <summary>
/// Tells a worksheet's recorded changes in the reader's language. A change records only the values it changed, so the
/// rest of an item (its cell, its kind) is worked out by walking back from the item as it is now through the values
/// each newer change replaced: every sentence then names the cell and kind the item had at that moment.
/// </summary>
public sealed class HistoryInWords(TemplateDefinition template, IReadOnlyList<WorksheetRow> rows, IReadOnlyList<WorksheetItem> items, Texts texts)
{
    private readonly string language = Texts.CurrentLanguage;
    private readonly Dictionary<Guid, WorksheetItem> itemsById = items.ToDictionary(i => i.Id);

    /// <summary>The entries, newest first, each as a sentence.</summary>
    public IReadOnlyList<HistoryLine> Tell(IReadOnlyList<AuditEntry> newestFirst)
    {
        // Each entity's values as they were after the entry being told; starts from how it is now.
        var state = new Dictionary<Guid, Dictionary<string, string?>>();
        var lines = new List<HistoryLine>(newestFirst.Count);
        foreach (var entry in newestFirst)
        {
            var before = Parse(entry.Before);
            var after = Parse(entry.After);
            var known = state.TryGetValue(entry.EntityId, out var s) ? s : Now(entry);
            var full = new Dictionary<string, string?>(known);
            foreach (var (k, v) in after) full[k] = v;
            var previous = new Dictionary<string, string?>(full);
            foreach (var (k, v) in before) previous[k] = v;
            state[entry.EntityId] = previous;
            lines.Add(Line(entry, before, after, previous, full));
        }
        return lines;
    }

    private Dictionary<string, string?> Now(AuditEntry entry)
    {
        if (entry.EntityType == nameof(WorksheetItem) && itemsById.TryGetValue(entry.EntityId, out var i))
            return new()
            {
                ["CellKey"] = i.CellKey, ["RowId"] = i.RowId?.ToString(), ["Kind"] = i.Kind.ToString(), ["Text"] = i.Text,
                ["Colour"] = i.Colour.ToString(), ["Group"] = i.Group, ["Tag"] = i.Tag, ["Owner"] = i.Owner,
                ["DueDate"] = Iso(i.DueDate), ["StartDate"] = Iso(i.StartDate), ["EndDate"] = Iso(i.EndDate),
                ["IsDeleted"] = i.IsDeleted.ToString(), ["IsPrivate"] = i.IsPrivate.ToString(), ["IsGoLive"] = i.IsGoLive.ToString(),
            };
        return [];
    }

    private HistoryLine Line(AuditEntry e, Dictionary<string, string?> before, Dictionary<string, string?> after,
        Dictionary<string, string?> was, Dictionary<string, string?> now)
    {
        var who = e.UserName.Length > 0 ? e.UserName : texts["history.system"];
        var changed = before.Keys.Union(after.Keys)
            .Where(k => !Bookkeeping.Contains(k) && before.GetValueOrDefault(k) != after.GetValueOrDefault(k)).ToHashSet();
        return e.EntityType switch
        {
            nameof(WorksheetItem) => ItemLine(e, who, changed, was, now),
            nameof(WorksheetRow) => RowLine(e, who, changed, now),
            nameof(Worksheet) => SheetLine(e, who, changed, was, now),
            nameof(VoteSession) => new HistoryLine(e.Id, e.At, e.Action == "added"
                ? texts["history.vote.opened", who, SectionTitle(now.GetValueOrDefault("SectionKey"))]
                : texts["history.vote.closed", who], null, null, []),
            nameof(Vote) => new HistoryLine(e.Id, e.At, texts[e.Action == "deleted" ? "history.vote.withdrawn" : "history.vote.cast", who], null, null, []),
            _ => new HistoryLine(e.Id, e.At, $"{who}: {texts[$"entity.{e.EntityType}"]} · {texts[$"history.action.{e.Action}"]}", null, null, []),
        };
    }

    private HistoryLine ItemLine(AuditEntry e, string who, HashSet<string> changed, Dictionary<string, string?> was, Dictionary<string, string?> now)
    {
        var cellKey = now.GetValueOrDefault("CellKey") ?? "";
        var noun = Noun(now);
        var cell = CellTitle(cellKey);
        var text = now.GetValueOrDefault("Text");
        var told = new HashSet<string>();
        string Told(string sentence, params string[] fields)
        {
            told.UnionWith(fields);
            return sentence;
        }
        Guid? restore = null;
        string sentence;
        if (e.Action == "added")
            sentence = Told(texts["history.item.added", who, noun, cell], "CellKey", "Text", "Kind", "IsDeleted", "IsPrivate", "RowId");
        else if (e.Action == "deleted")
            sentence = Told(texts["history.item.deleted", who, noun, cell]);
        else if (changed.Contains("IsDeleted"))
        {
            var deleted = now.GetValueOrDefault("IsDeleted") == bool.TrueString;
            sentence = Told(texts[deleted ? "history.item.deleted" : "history.item.restored", who, noun, cell], "IsDeleted");
            var current = itemsById.GetValueOrDefault(e.EntityId);
            if (deleted && current is { IsDeleted: true }) restore = e.EntityId;
        }
        else if (changed.Contains("CellKey"))
            sentence = Told(texts["history.item.moved", who, Noun(was), CellTitle(was.GetValueOrDefault("CellKey") ?? ""), cell],
                "CellKey", "Kind");
        else if (changed.Contains("RowId"))
        {
            var row = now.GetValueOrDefault("RowId");
            var ownRow = template.FindCell(cellKey)?.NeedsRow == true;
            sentence = row is null
                ? Told(texts["history.item.untied", who, noun, RowLabel(was.GetValueOrDefault("RowId"))], "RowId")
                : Told(texts[ownRow ? "history.item.moved_row" : "history.item.tied", who, noun, RowLabel(row)], "RowId");
        }
        else if (changed.Contains("Text"))
            sentence = Told(texts["history.item.changed", who, Noun(now, partitive: true), cell]);
        else if (changed.Contains("IsGoLive"))
            sentence = now.GetValueOrDefault("IsGoLive") == bool.TrueString
                ? Told(texts["history.item.go_live", who, noun, RowLabel(now.GetValueOrDefault("RowId"))], "IsGoLive")
                : Told(texts["history.item.not_go_live", who, noun], "IsGoLive");
        else if (changed.Contains("Colour") && changed.Count == 1)
            sentence = Told(texts["history.item.coloured", who, noun, texts[$"history.colour.{now.GetValueOrDefault("Colour")?.ToLowerInvariant()}"]], "Colour");
        else if (changed.Contains("Group") && changed.Count == 1)
            sentence = now.GetValueOrDefault("Group") is { Length: > 0 } group
                ? Told(texts["history.item.grouped", who, noun, group], "Group")
                : Told(texts["history.item.ungrouped", who, noun, was.GetValueOrDefault("Group")], "Group");
        else if (changed.Contains("Tag") && changed.Count == 1)
            sentence = now.GetValueOrDefault("Tag") is { Length: > 0 } tag
                ? Told(texts["history.item.tagged", who, noun, tag], "Tag")
                : Told(texts["history.item.untagged", who, noun, was.GetValueOrDefault("Tag")], "Tag");
        else if (changed.SetEquals(["IsPrivate"]) && now.GetValueOrDefault("IsPrivate") == bool.FalseString)
            sentence = Told(texts["history.item.revealed", who, noun, cell], "IsPrivate");
        else
            sentence = texts["history.item.changed", who, Noun(now, partitive: true), cell];

        // The text: as written when it was added, as it was when it was deleted, before and after when it changed, and
        // otherwise the note the sentence speaks of.
        string? textBefore = null, textAfter = null, subject = null;
        if (changed.Contains("Text") && e.Action == "modified") (textBefore, textAfter) = (was.GetValueOrDefault("Text"), text);
        else if (e.Action == "deleted" || (e.Action == "modified" && now.GetValueOrDefault("IsDeleted") == bool.TrueString && changed.Contains("IsDeleted")))
            textBefore = text;
        else if (e.Action == "added") textAfter = text;
        else subject = text;

        var details = new List<HistoryDetail>();
        if (e.Action == "added" && now.GetValueOrDefault("RowId") is { } addedRow)
            details.Add(new HistoryDetail(texts["history.field.service"], null, RowLabel(addedRow)));
        foreach (var field in FieldOrder.Where(f => changed.Contains(f) && !told.Contains(f) && f != "Text"))
        {
            var (b, a) = (Value(field, was.GetValueOrDefault(field)), Value(field, now.GetValueOrDefault(field)));
            if (e.Action == "added")
            {
                // A new note's defaults say nothing: only what was written or chosen for it.
                var raw = now.GetValueOrDefault(field);
                if (string.IsNullOrEmpty(raw) || raw == bool.FalseString || (field == "Colour" && raw == nameof(NoteColour.Yellow))) continue;
                b = null;
            }
            details.Add(new HistoryDetail(FieldLabel(field), string.IsNullOrEmpty(b) ? null : b, string.IsNullOrEmpty(a) ? null : a));
        }
        return new HistoryLine(e.Id, e.At, sentence, textBefore, textAfter, details, RestoreItem: restore, Subject: subject);
    }

    private HistoryLine RowLine(AuditEntry e, string who, HashSet<string> changed, Dictionary<string, string?> now)
    {
        var label = RowLabel(e.EntityId.ToString());
        if (e.Action == "added") return new HistoryLine(e.Id, e.At, texts["history.row.added", who, label], null, null, []);
        if (changed.Contains("IsDeleted"))
        {
            var removed = now.GetValueOrDefault("IsDeleted") == bool.TrueString;
            var stillRemoved = removed && rows.Any(r => r.Id == e.EntityId && r.IsDeleted);
            return new HistoryLine(e.Id, e.At, texts[removed ? "history.row.removed" : "history.row.restored", who, label], null, null, [],
                RestoreRow: stillRemoved ? e.EntityId : null);
        }
        return new HistoryLine(e.Id, e.At, texts["history.row.changed", who, label], null, null, []);
    }

    private HistoryLine SheetLine(AuditEntry e, string who, HashSet<string> changed, Dictionary<string, string?> was, Dictionary<string, string?> now)
    {
        string Say(string key, params object?[] args) => texts[key, [who, .. args]];
        var sentence = !changed.Contains("IdeationSectionKey") ? null
            : (was.GetValueOrDefault("IdeationSectionKey"), now.GetValueOrDefault("IdeationSectionKey")) switch
            {
                (_, { } to) => Say("history.sheet.ideation_started", SectionTitle(to)),
                ({ } from, null) => Say("history.sheet.ideation_revealed", SectionTitle(from)),
                _ => null,
            };
        if (sentence is null && (changed.Contains("TimerEndsAt") || changed.Contains("TimerPausedSeconds")))
        {
            var (endsBefore, pausedBefore) = (was.GetValueOrDefault("TimerEndsAt"), was.GetValueOrDefault("TimerPausedSeconds"));
            var (endsAfter, pausedAfter) = (now.GetValueOrDefault("TimerEndsAt"), now.GetValueOrDefault("TimerPausedSeconds"));
            sentence = (endsAfter, pausedAfter) switch
            {
                (null, null) => Say("history.sheet.timer_stopped"),
                (null, _) when pausedBefore is null => Say("history.sheet.timer_paused"),
                (null, _) => Say("history.sheet.timer_extended"),
                (_, _) when pausedBefore is not null => Say("history.sheet.timer_resumed"),
                (_, _) when endsBefore is not null => Say("history.sheet.timer_extended"),
                _ => Say("history.sheet.timer_started"),
            };
        }
        return new HistoryLine(e.Id, e.At, sentence ?? Say("history.sheet.changed"), null, null, []);
    }

    // Ids, versions, times and places in a list say nothing of what changed.
    private static readonly HashSet<string> Bookkeeping =
        ["Id", "CountyId", "Version", "WorksheetId", "AuthorId", "AuthorName", "CreatedAt", "UpdatedAt", "Position", "EventSeq"];

    // The values people see, in the order of the form; ids, versions and times are bookkeeping.
    private static readonly string[] FieldOrder =
        ["Text", "Kind", "RowId", "Owner", "DueDate", "StartDate", "EndDate", "MetricId", "IsGoLive", "Group", "Tag", "Colour", "IsPrivate"];

    private string FieldLabel(string field) => field switch
    {
        "Kind" => texts["history.field.kind"],
        "RowId" => texts["history.field.service"],
        "Owner" => texts["worksheet.owner"],
        "DueDate" => texts["worksheet.due"],
        "StartDate" => texts["worksheet.start"],
        "EndDate" => texts["worksheet.end"],
        "MetricId" => texts["history.field.metric"],
        "IsGoLive" => texts["history.field.go_live"],
        "Group" => texts["worksheet.group"],
        "Tag" => texts["worksheet.tag"],
        "Colour" => texts["worksheet.colour"],
        "IsPrivate" => texts["history.field.private"],
        _ => field,
    };

    private string? Value(string field, string? value) => value is null ? null : field switch
    {
        "Kind" => texts[$"history.kind.{value.ToLowerInvariant()}"],
        "RowId" => RowLabel(value),
        "DueDate" or "StartDate" or "EndDate" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("d.M.yyyy", CultureInfo.InvariantCulture) : value,
        "Colour" => texts[$"worksheet.colour.{value.ToLowerInvariant()}"],
        "IsGoLive" or "IsPrivate" => texts[value == bool.TrueString ? "history.yes" : "history.no"],
        "MetricId" => texts["history.metric_chosen"],
        _ => value,
    };

    /// <summary>The kind of an item as a noun in a sentence: a thing given up is a task of the given-up cell.</summary>
    private string Noun(Dictionary<string, string?> values, bool partitive = false)
    {
        var kind = values.GetValueOrDefault("Kind")?.ToLowerInvariant() ?? "note";
        if (kind == "task" && values.GetValueOrDefault("CellKey") == Core.Plans.PlanAssembler.Cells.GivenUp) kind = "given_up";
        return partitive ? texts[$"history.noun_partitive.{kind}"] : texts[$"history.noun.{kind}"];
    }

    private string CellTitle(string cellKey) => template.FindCell(cellKey)?.Title.In(language) is { Length: > 0 } title ? title : cellKey;

    private string SectionTitle(string? sectionKey) =>
        template.Sections.FirstOrDefault(s => s.Key == sectionKey)?.Title.In(language) is { Length: > 0 } title ? title : sectionKey ?? "";

    private string RowLabel(string? rowId) =>
        Guid.TryParse(rowId, out var id) ? ServiceChoices.Label(id, rows, items, texts) : "";

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
