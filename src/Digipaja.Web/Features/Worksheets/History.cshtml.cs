using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Workshops;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Digipaja.Web.Accounts;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>Every change of a worksheet told in words with its texts before and after, and the deleted entries and rows to restore.</summary>
public sealed class HistoryModel(WorksheetEditor editor, WorksheetHistory history, Texts texts) : PageModel
{
    public Texts T { get; } = texts;
    public WorksheetContext Context { get; private set; } = null!;
    /// <summary>The recorded changes, newest first, each told as a sentence in the reader's language.</summary>
    public IReadOnlyList<HistoryLine> Lines { get; private set; } = [];
    public List<WorksheetItem> Deleted { get; private set; } = [];
    public List<WorksheetRow> RemovedRows { get; private set; } = [];
    public List<WorksheetRow> AllRows { get; private set; } = [];
    public List<WorksheetItem> AllItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await editor.LoadAsync(id, ct) is not { } context) return NotFound();
        if (context.Permission == SeriesPermission.None) return Forbid();
        Context = context;
        (AllRows, AllItems) = await editor.ContentAsync(id, includeDeleted: true, ct);
        Deleted = AllItems.Where(i => i.IsDeleted).OrderByDescending(i => i.UpdatedAt).ToList();
        RemovedRows = AllRows.Where(r => r.IsDeleted).ToList();
        Lines = new HistoryInWords(context.Template, AllRows, AllItems, T).Tell(await history.EntriesAsync(id, ct));
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, Guid itemId, CancellationToken ct) =>
        Done(id, (await editor.SetDeletedAsync(itemId, false, null, ct)).Status);

    public async Task<IActionResult> OnPostRestoreRowAsync(Guid id, Guid rowId, CancellationToken ct) =>
        Done(id, (await editor.SetRowDeletedAsync(id, rowId, false, ct)).Status);

    private IActionResult Done(Guid id, EditStatus status)
    {
        if (status == EditStatus.NotFound) return NotFound();
        if (status == EditStatus.Forbidden) return Forbid();
        TempData["Notice"] = T["worksheet.notice.restored"];
        return Redirect($"/Worksheets/{id}/History");
    }

    public string CellTitle(string cellKey) =>
        Context.Template.FindCell(cellKey)?.Title.In(Texts.CurrentLanguage) ?? cellKey;

    public int RowNumber(Guid rowId) => AllRows.FindIndex(r => r.Id == rowId) + 1;
}
