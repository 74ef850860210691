using Digipaja.Core.Worksheets;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>The fields of one add or edit form of a worksheet item; Item is null when adding.</summary>
public sealed record ItemFieldsView(SheetModel Page, CellDefinition Cell, string Form, WorksheetItem? Item)
{
    public string Id(string field) => $"{Form}-{field}";
    public string? Error(string field) => Page.ErrorFor(Form, field);
    public string? Value(Func<ItemInput, string?> posted, string? stored) => Page.Posted(Form, posted) ?? stored;
    public string? Described(string field, string? hint = null)
    {
        var ids = new List<string>();
        if (hint is not null) ids.Add(hint);
        if (Error(field) is not null) ids.Add($"{Id(field)}-error");
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}
