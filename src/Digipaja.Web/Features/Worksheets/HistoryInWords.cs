using System.Diagnostics;
using System.Globalization;
using Digipaja.Core.Plans;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>One value of a change as people read it: what it is, and what it was and became (either may be missing).</summary>
public sealed record HistoryDetail(string Label, string? Before, string? After);

/// <summary>
/// One recorded change as people read it ("Maija moved a note from Customers to Goals"): a <see cref="HistoryEntry"/>
/// with its sentence and values in the reader's language.
/// </summary>
public sealed record HistoryLine(
    long Id, DateTime At, string Sentence, string? Before, string? After, IReadOnlyList<HistoryDetail> Details,
    Guid? RestoreItem = null, Guid? RestoreRow = null, string? Subject = null);

/// <summary>
/// Tells a worksheet's recorded changes in the reader's language: <see cref="HistoryStory"/> chooses each change's
/// sentence and values, and this names their words (people, kinds of item, cells, sections, services, colours) and
/// fields in the reader's language.
/// </summary>
public sealed class HistoryInWords(TemplateDefinition template, IReadOnlyList<WorksheetRow> rows, IReadOnlyList<WorksheetItem> items, Texts texts)
{
    private readonly string language = Texts.CurrentLanguage;

    /// <summary>The entries, newest first, each as a sentence.</summary>
    public IReadOnlyList<HistoryLine> Tell(IReadOnlyList<AuditEntry> newestFirst) =>
        new HistoryStory(template, rows, items)
            .Tell(newestFirst.Select(e => new RecordedChange(e.Id, e.At, e.UserName, e.EntityType, e.EntityId, e.Action, e.Before, e.After)).ToList())
            .Select(Line).ToList();

    private HistoryLine Line(HistoryEntry entry) =>
        new(entry.Id, entry.At, Sentence(entry.Sentence), entry.Before, entry.After,
            entry.Details.Select(d => new HistoryDetail(FieldLabel(d.Field), Shown(Value(d.Field, d.Before)), Shown(Value(d.Field, d.After)))).ToList(),
            entry.RestoreItem, entry.RestoreRow, entry.Subject);

    private string Sentence(HistorySentence sentence)
    {
        var words = sentence.Words.Select(Word).ToArray();
        return sentence.Key == HistorySentence.Other ? $"{words[0]}: {words[1]} · {words[2]}" : texts[sentence.Key, words];
    }

    private string? Word(HistoryWord word) => word switch
    {
        HistoryWord.Who who => who.Name.Length > 0 ? who.Name : texts["history.system"],
        HistoryWord.Noun noun => Noun(noun),
        HistoryWord.Cell cell => CellTitle(cell.Key),
        HistoryWord.Section section => SectionTitle(section.Key),
        HistoryWord.Row row => RowLabel(row.RowId),
        HistoryWord.Colour colour => texts[$"history.colour.{colour.Name?.ToLowerInvariant()}"],
        HistoryWord.Entity entity => texts[$"entity.{entity.Type}"],
        HistoryWord.Done done => texts[$"history.action.{done.Action}"],
        HistoryWord.Text text => text.Value,
        _ => throw new UnreachableException($"No words for {word}."),
    };

    private static string? Shown(string? value) => string.IsNullOrEmpty(value) ? null : value;

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

    /// <summary>The kind of an item as a noun in a sentence: a task in the given-up cell is a thing given up.</summary>
    private string Noun(HistoryWord.Noun noun)
    {
        var kind = noun.Kind == "task" && noun.CellKey == PlanAssembler.Cells.GivenUp ? "given_up" : noun.Kind;
        return noun.Partitive ? texts[$"history.noun_partitive.{kind}"] : texts[$"history.noun.{kind}"];
    }

    private string CellTitle(string cellKey) => template.FindCell(cellKey)?.Title.In(language) is { Length: > 0 } title ? title : cellKey;

    private string SectionTitle(string? sectionKey) =>
        template.Sections.FirstOrDefault(s => s.Key == sectionKey)?.Title.In(language) is { Length: > 0 } title ? title : sectionKey ?? "";

    private string RowLabel(string? rowId) =>
        Guid.TryParse(rowId, out var id) ? ServiceChoices.Label(id, rows, items, texts) : "";
}
