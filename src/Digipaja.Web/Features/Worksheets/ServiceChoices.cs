using Digipaja.Core.Plans;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Localization;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>One service of a worksheet as a choice in a form: its service row's id and the name people know it by.</summary>
public sealed record ServiceChoice(Guid RowId, string Label);

/// <summary>
/// The services of a worksheet to choose from when a note, task or thing given up is tied to one. A service is its
/// service row: named by the first note of its "service name" cell, or by its number among the rows while unnamed.
/// </summary>
public static class ServiceChoices
{
    /// <summary>The rows that are not removed, in their order, with their labels in the current language.</summary>
    public static IReadOnlyList<ServiceChoice> Of(IEnumerable<WorksheetRow> rows, IEnumerable<WorksheetItem> items, Texts texts)
    {
        var live = rows.Where(r => !r.IsDeleted).OrderBy(r => r.Position).ToList();
        var names = Names(items);
        return live.Select((r, i) => new ServiceChoice(r.Id, names.GetValueOrDefault(r.Id) ?? texts["worksheet.service_n", i + 1])).ToList();
    }

    /// <summary>The label of one row among <paramref name="rows"/> (removed ones included, numbered where they stood).</summary>
    public static string Label(Guid rowId, IReadOnlyList<WorksheetRow> rows, IEnumerable<WorksheetItem> items, Texts texts)
    {
        var name = items.Where(i => i.RowId == rowId && i.CellKey == PlanAssembler.Cells.ServiceName && !i.IsDeleted)
            .OrderBy(i => i.Position).Select(i => i.Text).FirstOrDefault();
        var ordered = rows.OrderBy(r => r.Position).ToList();
        return name ?? texts["worksheet.service_n", ordered.FindIndex(r => r.Id == rowId) + 1];
    }

    private static Dictionary<Guid, string> Names(IEnumerable<WorksheetItem> items) =>
        items.Where(i => i.RowId is not null && i.CellKey == PlanAssembler.Cells.ServiceName && !i.IsDeleted)
            .OrderBy(i => i.Position)
            .GroupBy(i => i.RowId!.Value)
            .ToDictionary(g => g.Key, g => g.First().Text);
}
