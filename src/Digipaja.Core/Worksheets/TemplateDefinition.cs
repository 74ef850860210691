using System.Text.Json;
using System.Text.Json.Serialization;
using Digipaja.Core.Common;

namespace Digipaja.Core.Worksheets;

/// <summary>How the content of a cell is entered.</summary>
public enum CellKind
{
    /// <summary>Short notes (the sticky notes of a board); a note may name the service row it is about.</summary>
    Notes,
    /// <summary>One column of the service rows: each note belongs to one row.</summary>
    RowNotes,
    /// <summary>Items with an owner and a date: tasks, things given up.</summary>
    Tasks,
    /// <summary>Metrics picked from the county's library or named anew.</summary>
    Metrics,
    /// <summary>Phases and milestones with dates on each service row's timeline.</summary>
    Path,
}

public sealed class CellDefinition
{
    public required string Key { get; set; }
    public CellKind Kind { get; set; } = CellKind.Notes;
    public LocalizedText Title { get; set; } = [];
    public LocalizedText Hint { get; set; } = [];
    public LocalizedText Example { get; set; } = [];

    public bool NeedsRow => Kind is CellKind.RowNotes or CellKind.Path;
}

public sealed class SectionDefinition
{
    public required string Key { get; set; }
    public LocalizedText Title { get; set; } = [];
    public LocalizedText Guidance { get; set; } = [];
    public LocalizedText Example { get; set; } = [];
    public int IdeationMinutes { get; set; }
    public bool Optional { get; set; }
    public List<CellDefinition> Cells { get; set; } = [];
}

/// <summary>
/// A worksheet template as data: sections of cells with guidance and examples in three languages.
/// A worksheet keeps the exact template version it was created from, so tailoring never breaks one.
/// </summary>
public sealed class TemplateDefinition
{
    public const string Functionality = "functionality";
    public const string Change = "change";

    public required string Key { get; set; }
    public int Version { get; set; } = 1;
    public LocalizedText Name { get; set; } = [];
    public LocalizedText Description { get; set; } = [];
    public List<SectionDefinition> Sections { get; set; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(new KebabCaseNamingPolicy()) },
        WriteIndented = false,
    };

    public static TemplateDefinition Parse(string json) =>
        JsonSerializer.Deserialize<TemplateDefinition>(json, Json) ?? throw new FormatException("Empty template definition.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public CellDefinition? FindCell(string key) => Sections.SelectMany(s => s.Cells).FirstOrDefault(c => c.Key == key);

    public SectionDefinition? SectionOf(string cellKey) => Sections.FirstOrDefault(s => s.Cells.Any(c => c.Key == cellKey));

    public IEnumerable<CellDefinition> Cells => Sections.SelectMany(s => s.Cells);

    /// <summary>The problems that make a definition unusable: duplicate or empty keys, sections without cells.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Name.IsEmpty) problems.Add("template has no name");
        var sectionKeys = new HashSet<string>();
        var cellKeys = new HashSet<string>();
        foreach (var section in Sections)
        {
            if (string.IsNullOrWhiteSpace(section.Key) || !sectionKeys.Add(section.Key)) problems.Add($"section key '{section.Key}' is empty or repeated");
            if (section.Title.IsEmpty) problems.Add($"section '{section.Key}' has no title");
            if (section.Cells.Count == 0) problems.Add($"section '{section.Key}' has no cells");
            foreach (var cell in section.Cells)
            {
                if (string.IsNullOrWhiteSpace(cell.Key) || !cellKeys.Add(cell.Key)) problems.Add($"cell key '{cell.Key}' is empty or repeated");
                if (cell.Title.IsEmpty) problems.Add($"cell '{cell.Key}' has no title");
            }
        }
        if (Sections.Count == 0) problems.Add("template has no sections");
        return problems;
    }

    private sealed class KebabCaseNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => KebabCaseLower.ConvertName(name);
    }
}
