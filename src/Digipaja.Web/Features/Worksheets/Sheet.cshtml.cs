using Digipaja.Core.Catalogue;
using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Workshops;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>
/// A worksheet, filled in by everyone of the series. Every change is a small form of its own that works without
/// script; a failed form is shown again with its errors and the user's own input, the rest of the page as stored.
/// </summary>
public sealed class SheetModel(WorksheetEditor editor, DotVoting voting, DigipajaDb db, Texts texts, Realtime.Presence presence) : PageModel
{
    public Texts T { get; } = texts;
    public WorksheetContext Context { get; private set; } = null!;
    public List<WorksheetRow> Rows { get; private set; } = [];
    public List<WorksheetItem> Items { get; private set; } = [];
    public List<Metric> Metrics { get; private set; } = [];
    public string SeriesName { get; private set; } = "";
    public IReadOnlyList<Realtime.Presence.Person> Present { get; private set; } = [];
    /// <summary>The latest dot vote (open or the result of the last one) and how many of their votes the caller has used.</summary>
    public VoteDto? Vote { get; private set; }
    public int VotesUsed { get; private set; }
    public string Language => Texts.CurrentLanguage;

    /// <summary>The form that failed, its errors by field, and the newer stored item when it failed on a conflict.</summary>
    public string? FailedForm { get; private set; }
    public Dictionary<string, string> FieldErrors { get; } = [];
    public WorksheetItem? Theirs { get; private set; }

    [BindProperty] public ItemInput Input { get; set; } = new();
    [BindProperty] public string? Form { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct);

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct) =>
        await Handle(id, await editor.AddItemAsync(id, Input, ct), Input.CellKey, ct);

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, Guid itemId, int version, CancellationToken ct) =>
        await Handle(id, await editor.UpdateItemAsync(itemId, version, Input, ct), Input.CellKey, ct);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid itemId, int version, CancellationToken ct) =>
        await Handle(id, await editor.SetDeletedAsync(itemId, true, version, ct), null, ct, noticeKey: "worksheet.notice.deleted");

    public async Task<IActionResult> OnPostAddRowAsync(Guid id, CancellationToken ct) =>
        await Handle(id, await editor.AddRowAsync(id, ct), null, ct, anchor: "rows");

    public async Task<IActionResult> OnPostRemoveRowAsync(Guid id, Guid rowId, CancellationToken ct) =>
        await Handle(id, await editor.SetRowDeletedAsync(id, rowId, true, ct), null, ct, anchor: "rows", noticeKey: "worksheet.notice.row_removed");

    public async Task<IActionResult> OnPostStartIdeationAsync(Guid id, string sectionKey, int minutes, CancellationToken ct) =>
        await Handle(id, await editor.StartIdeationAsync(id, sectionKey, minutes, ct), null, ct, anchor: $"s-{sectionKey}");

    public async Task<IActionResult> OnPostRevealAsync(Guid id, string? sectionKey, CancellationToken ct) =>
        await Handle(id, await editor.RevealAsync(id, ct), null, ct, anchor: sectionKey is null ? null : $"s-{sectionKey}");

    public async Task<IActionResult> OnPostTimerAsync(Guid id, string timerAction, int minutes, CancellationToken ct) =>
        await Handle(id, await editor.SetTimerAsync(id, timerAction, minutes, ct), null, ct, anchor: "timer");

    public async Task<IActionResult> OnPostOpenVoteAsync(Guid id, string sectionKey, int votes, CancellationToken ct) =>
        await Handle(id, await voting.OpenAsync(id, sectionKey, votes, ct), null, ct, anchor: $"s-{sectionKey}");

    public async Task<IActionResult> OnPostCloseVoteAsync(Guid id, string? sectionKey, CancellationToken ct) =>
        await Handle(id, await voting.CloseAsync(id, ct), null, ct, anchor: sectionKey is null ? null : $"s-{sectionKey}");

    public async Task<IActionResult> OnPostVoteAsync(Guid id, Guid itemId, bool add, CancellationToken ct) =>
        await Handle(id, await voting.CastAsync(id, itemId, add, ct), null, ct, anchor: $"n-{itemId}");

    public async Task<IActionResult> OnPostFollowAsync(Guid id, string sectionKey, CancellationToken ct) =>
        await Handle(id, await voting.FollowAsync(id, sectionKey, ct), null, ct, anchor: $"s-{sectionKey}");

    /// <summary>The page says which section its reader is in (sent by the live script, without a page load).</summary>
    public async Task<IActionResult> OnPostPresenceAsync(Guid id, Guid connectionId, string? sectionKey, [FromServices] Accounts.Caller caller, CancellationToken ct) =>
        await Realtime.EventStream.MoveAsync(id, new(connectionId, string.IsNullOrEmpty(sectionKey) ? null : sectionKey), editor, caller, presence, ct) switch
        {
            EditStatus.Ok => new NoContentResult(),
            EditStatus.Forbidden => Forbid(),
            EditStatus.Invalid => BadRequest(),
            _ => NotFound(),
        };

    public bool VoteIsOn(SectionDefinition section) => Vote?.SectionKey == section.Key;

    public int VotesOn(Guid itemId) => Vote?.Counts.GetValueOrDefault(itemId) ?? 0;

    /// <summary>One cell's items and add form, for the live page to refresh a cell someone else changed.</summary>
    public async Task<IActionResult> OnGetCellAsync(Guid id, string cellKey, Guid? rowId, CancellationToken ct)
    {
        if (await ShowAsync(id, ct, wholePage: false) is not PageResult) return NotFound();
        if (Context.Template.FindCell(cellKey) is not { } cell) return NotFound();
        var view = new CellView(this, cell, rowId);
        return Partial(cell.Kind == CellKind.Path ? "_DevelopmentPath" : "_CellItems", view);
    }

    private async Task<IActionResult> Handle<TValue>(Guid id, EditResult<TValue> result, string? cellKey, CancellationToken ct,
        string? anchor = null, string? noticeKey = null)
    {
        switch (result.Status)
        {
            case EditStatus.NotFound: return NotFound();
            case EditStatus.Forbidden: return Forbid();
            case EditStatus.Ok:
                if (noticeKey is not null) TempData["Notice"] = T[noticeKey];
                // Back to where the user was working, so keyboard users do not start from the top.
                return Redirect($"/Worksheets/{id}#{anchor ?? (cellKey is null ? "main" : $"c-{cellKey}")}");
        }
        // Actions without a form of their own (votes, timer) still get their error shown in the summary.
        FailedForm = Form ?? "page";
        if (result.Status == EditStatus.Conflict)
        {
            Theirs = result.Current;
            FieldErrors["text"] = T["worksheet.conflict_ui"];
        }
        foreach (var error in result.Errors ?? [])
            FieldErrors.TryAdd(error.Field, T[error.MessageKey]);
        return await ShowAsync(id, ct);
    }

    /// <summary>Loads what the page shows; a single cell refreshed by the live page needs no presence or series name.</summary>
    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct, bool wholePage = true)
    {
        if (await editor.LoadAsync(id, ct) is not { } context) return NotFound();
        if (context.Permission == SeriesPermission.None) return Forbid();
        Context = context;
        (Rows, Items) = await editor.ContentAsync(id, ct: ct);
        Metrics = (await db.Metrics.AsNoTracking().ToListAsync(ct)).OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        if (wholePage)
        {
            SeriesName = await db.WorkshopSeries.Where(s => s.Id == context.Sheet.SeriesId).Select(s => s.Name).SingleAsync(ct);
            Present = presence.Current(id);
        }
        Vote = await voting.LatestAsync(id, ct);
        VotesUsed = Vote is { Open: true } ? await voting.VotesUsedAsync(Vote.SessionId, ct) : 0;
        return Page();
    }

    // ---- helpers for the view ----

    public string L(LocalizedText text) => text.In(Language);

    public IEnumerable<WorksheetItem> ItemsOf(string cellKey, Guid? rowId = null, bool anyRow = true) =>
        Items.Where(i => i.CellKey == cellKey && (anyRow || i.RowId == rowId));

    /// <summary>A service row is named after the first note in its "service name" cell, or by its number.</summary>
    public string RowLabel(Guid? rowId)
    {
        if (rowId is null) return "";
        var index = Rows.FindIndex(r => r.Id == rowId);
        var name = Items.FirstOrDefault(i => i.RowId == rowId && i.CellKey == "service-name")?.Text;
        return name ?? T["worksheet.service_n", index + 1];
    }

    public bool IsIdeating(SectionDefinition section) => Context.Sheet.IdeationSectionKey == section.Key;

    public string FieldId(string form, string field) => $"{form}-{field}";

    public string? ErrorFor(string form, string field) => FailedForm == form && FieldErrors.TryGetValue(field, out var e) ? e : null;

    /// <summary>What the failed form held, so the user's input is never lost to an error.</summary>
    public string? Posted(string form, Func<ItemInput, string?> value) => FailedForm == form ? value(Input) : null;

    public sealed record CellView(SheetModel Page, CellDefinition Cell, Guid? RowId);
    public sealed record ItemView(SheetModel Page, CellDefinition Cell, WorksheetItem Item);

    public static string AddForm(string cellKey, Guid? rowId) => rowId is null ? $"add-{cellKey}" : $"add-{cellKey}-{rowId:N}";
    public static string EditForm(Guid itemId) => $"edit-{itemId:N}";
}
