using Digipaja.Core.Common;

namespace Digipaja.Core.Worksheets;

/// <summary>
/// The changes a county makes to its own templates. Each changes the definition or returns the error that refuses it,
/// and none leaves a template a worksheet could not use: a template keeps at least one section, a section at least one
/// cell, and a new key never repeats a section's or a cell's.
/// </summary>
public static class TemplateEdits
{
    /// <summary>The key of a new section's first cell.</summary>
    public static string FirstCellKey(string sectionKey) => $"{sectionKey}-notes";

    /// <summary>A key for a new section or cell: well formed, and not yet a section's, a cell's or a new section's first cell's.</summary>
    public static FieldError? CheckNewKey(TemplateDefinition definition, string field, string? key)
    {
        if (TextRules.CheckKey(field, key) is { } error) return error;
        var text = key!.Trim();
        return definition.Sections.Any(s => s.Key == text) || definition.FindCell(text) is not null || definition.FindCell(FirstCellKey(text)) is not null
            ? new FieldError(field, "template.duplicate_key") : null;
    }

    /// <summary>A section's individual ideation: none (0), or as long as an ideation may run.</summary>
    public static FieldError? CheckIdeationMinutes(string field, int minutes) =>
        minutes != 0 && Ideation.CheckMinutes(minutes) is { } key ? new FieldError(field, key) : null;

    /// <summary>A new section at the end. It needs a cell to write in: the first one takes the section's title and can be renamed.</summary>
    public static FieldError? AddSection(TemplateDefinition definition, string? key, LocalizedText title)
    {
        if (CheckNewKey(definition, "Key", key) is { } error) return error;
        var sectionKey = key!.Trim();
        definition.Sections.Add(new SectionDefinition
        {
            Key = sectionKey, Title = title,
            Cells = [new CellDefinition { Key = FirstCellKey(sectionKey), Kind = CellKind.Notes, Title = title }],
        });
        return null;
    }

    /// <summary>A new cell at the end of a section.</summary>
    public static FieldError? AddCell(TemplateDefinition definition, string sectionKey, string? key, CellKind kind, LocalizedText title, LocalizedText hint)
    {
        var section = definition.Sections.FirstOrDefault(s => s.Key == sectionKey);
        if (section is null) return new FieldError("", "template.unknown_part");
        if (CheckNewKey(definition, "Key", key) is { } error) return error;
        section.Cells.Add(new CellDefinition { Key = key!.Trim(), Kind = kind, Title = title, Hint = hint });
        return null;
    }

    public static FieldError? RemoveSection(TemplateDefinition definition, string sectionKey)
    {
        if (definition.Sections.Count <= 1) return new FieldError("", "template.last_section");
        return definition.Sections.RemoveAll(s => s.Key == sectionKey) == 0 ? new FieldError("", "template.unknown_part") : null;
    }

    public static FieldError? RemoveCell(TemplateDefinition definition, string cellKey)
    {
        var section = definition.SectionOf(cellKey);
        if (section is null) return new FieldError("", "template.unknown_part");
        if (section.Cells.Count <= 1) return new FieldError("", "template.last_cell");
        section.Cells.RemoveAll(c => c.Key == cellKey);
        return null;
    }

    /// <summary>
    /// A copy to tailor freely under a key of its own: its first version, named as the original with "(2)" after the
    /// name in every language, so the two are told apart in the list.
    /// </summary>
    public static TemplateDefinition CopyOf(TemplateDefinition source, string key)
    {
        var copy = TemplateDefinition.Parse(source.ToJson());
        copy.Key = key;
        copy.Version = 1;
        foreach (var (language, name) in copy.Name.ToList()) copy.Name[language] = $"{name} (2)";
        return copy;
    }
}
