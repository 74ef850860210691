using Digipaja.Core.Catalogue;
using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Workshops;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Digipaja.Web.Accounts;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>
/// A worksheet, filled in by everyone of the series. Every change is a small form of its own that works without
/// script; a failed form is shown again with its errors and the user's own input, the rest of the page as stored.
/// </summary>
[BodyLimit(BodyLimits.Notes)]
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

    /// <summary>Brings back a note deleted a moment ago (the board's "undo"); the history page restores older ones.</summary>
    public async Task<IActionResult> OnPostRestoreAsync(Guid id, Guid itemId, CancellationToken ct) =>
        await Handle(id, await editor.SetDeletedAsync(itemId, false, null, ct), null, ct, anchor: $"n-{itemId}");

    /// <summary>
    /// One change for several notes at once (the board's selection): move, colour, tag or group them. Each note is
    /// changed on its own stored version, so nothing is written over; notes that fail are reported and left as they are.
    /// </summary>
    public async Task<IActionResult> OnPostBulkAsync(Guid id, Guid[] itemIds, string? cellKey, Guid? rowId, string? colour, string? tag, string? group,
        bool ungroup, CancellationToken ct)
    {
        if (await editor.LoadAsync(id, ct) is not { } context) return NotFound();
        if (context.Permission == SeriesPermission.None) return Forbid();
        var ids = itemIds.Distinct().Take(200).ToList();
        // A note moved to another cell stays about the service it was about, unless a service is chosen.
        var rows = await db.WorksheetItems.Where(i => i.WorksheetId == id && ids.Contains(i.Id)).Select(i => new { i.Id, i.RowId }).ToDictionaryAsync(i => i.Id, i => i.RowId, ct);
        var changed = new List<ItemDto>();
        var failed = new List<object>();
        foreach (var itemId in ids)
        {
            var input = new ItemInput
            {
                CellKey = NullIfEmpty(cellKey), RowId = rowId ?? (cellKey is { Length: > 0 } ? rows.GetValueOrDefault(itemId) : null), Colour = NullIfEmpty(colour),
                Tag = NullIfEmpty(tag), Group = ungroup ? "" : NullIfEmpty(group),
            };
            var result = await editor.ChangeStoredItemAsync(itemId, input, ct);
            if (result.Status == EditStatus.Ok) changed.Add(ItemDto.From(result.Value!));
            else failed.Add(new { itemId, message = result.Errors is { Count: > 0 } errors ? T[errors[0].MessageKey] : T["worksheet.bulk_failed"] });
        }
        if (!IsFetch)
        {
            TempData["Notice"] = failed.Count == 0 ? T["worksheet.notice.bulk_done", changed.Count] : T["worksheet.notice.bulk_partly", changed.Count, failed.Count];
            return Redirect($"/Worksheets/{id}#main");
        }
        return new JsonResult(new { items = changed, failed });
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The board's script posts the same forms with fetch and takes the saved item (or the errors) as JSON.</summary>
    private bool IsFetch => Request.Headers["X-Requested-With"] == "fetch";

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

    public async Task<IActionResult> OnPostVoteAsync(Guid id, Guid itemId, bool add, CancellationToken ct)
    {
        var result = await voting.CastAsync(id, itemId, add, ct);
        if (!IsFetch || result.Status != EditStatus.Ok) return await Handle(id, result, null, ct, anchor: $"n-{itemId}");
        // The board updates the voter's own dots in place: how many are left and how many are on this note.
        var mine = await voting.MyVotesAsync(result.Value!.SessionId, ct);
        return new JsonResult(new { votesLeft = result.Value.VotesPerPerson - mine.Values.Sum(), onNote = mine.GetValueOrDefault(itemId) });
    }

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

    /// <summary>The caller's own dots per note in the open vote.</summary>
    public Dictionary<Guid, int> MyVotes { get; private set; } = [];

    public int MyVotesOn(Guid itemId) => MyVotes.GetValueOrDefault(itemId);

    /// <summary>The notes of a closed vote's section ranked by their dots, for its result.</summary>
    public List<(WorksheetItem Item, int Dots)> VoteResult() => Vote is { Open: false } vote ? DotVote.Ranked(Items, i => i.Id, vote.Counts) : [];

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
            case EditStatus.Ok when IsFetch:
                return result.Value is WorksheetItem saved ? new JsonResult(new { item = ItemDto.From(saved) }) : new NoContentResult();
            case EditStatus.Ok:
                if (noticeKey is not null) TempData["Notice"] = T[noticeKey];
                // Back to where the user was working, so keyboard users do not start from the top.
                return Redirect($"/Worksheets/{id}#{anchor ?? (cellKey is null ? "main" : $"c-{cellKey}")}");
        }
        if (IsFetch)
        {
            // The board shows these next to the field in place; on a conflict it also shows the newer text.
            var errors = (result.Errors ?? []).Select(e => new { field = e.Field, message = T[e.MessageKey] }).ToList();
            if (result.Status == EditStatus.Conflict) errors.Add(new { field = "text", message = T["worksheet.conflict_ui"] });
            return new ObjectResult(new { errors, current = result.Current is { } current ? ItemDto.From(current) : null }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
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
        MyVotes = Vote is { Open: true } ? await voting.MyVotesAsync(Vote.SessionId, ct) : [];
        VotesUsed = MyVotes.Values.Sum();
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

    /// <summary>"Cell, Service" for labels, with the service's name marked for the board to keep current.</summary>
    public Microsoft.AspNetCore.Html.IHtmlContent WhereLabel(CellDefinition cell, Guid? rowId)
    {
        // An immutable string: a builder would be moved, not copied, into the first view that writes it.
        var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
        var label = encode.Encode(L(cell.Title));
        if (rowId is { } row) label += $", <span data-row-label=\"{row}\">{encode.Encode(RowLabel(row))}</span>";
        return new Microsoft.AspNetCore.Html.HtmlString(label);
    }

    public bool IsIdeating(SectionDefinition section) => Context.Sheet.IdeationSectionKey == section.Key;

    public string FieldId(string form, string field) => $"{form}-{field}";

    public string? ErrorFor(string form, string field) => FailedForm == form && FieldErrors.TryGetValue(field, out var e) ? e : null;

    /// <summary>What the failed form held, so the user's input is never lost to an error.</summary>
    public string? Posted(string form, Func<ItemInput, string?> value) => FailedForm == form ? value(Input) : null;

    public sealed record CellView(SheetModel Page, CellDefinition Cell, Guid? RowId);
    /// <summary>A card; IsTemplate renders it for an empty item as the board's template of the cell's cards.</summary>
    public sealed record ItemView(SheetModel Page, CellDefinition Cell, WorksheetItem Item, bool IsTemplate = false);

    /// <summary>A note's text as its buttons name it: at most 40 characters, never cut inside a character.</summary>
    public string ShortLabel(string text) => DisplayText.Shorten(text, 41);

    /// <summary>The empty item a cell's card template is rendered for; the script fills in the real one.</summary>
    public WorksheetItem TemplateItem(CellDefinition cell) => new()
    {
        Id = Guid.Empty, WorksheetId = Context.Sheet.Id, CellKey = cell.Key, Text = "", Version = 0,
        Kind = cell.Kind switch { CellKind.Tasks => ItemKind.Task, CellKind.Metrics => ItemKind.Metric, _ => ItemKind.Note },
    };

    /// <summary>
    /// What the board's script needs to show a live change in this reader's language without asking the server: the
    /// services' names, colour and metric names, where each cell is, and its own texts.
    /// </summary>
    public string BoardDataJson()
    {
        var template = Context.Template;
        var data = new
        {
            user = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
            canFacilitate = Context.CanFacilitate,
            rows = Rows.ToDictionary(r => r.Id, r => RowLabel(r.Id)),
            rowNumbers = Rows.ToDictionary(r => r.Id, r => T["worksheet.service_n", Rows.IndexOf(r) + 1]),
            colours = Enum.GetValues<NoteColour>().ToDictionary(c => c.ToString().ToLowerInvariant(), c => T[$"worksheet.colour.{c.ToString().ToLowerInvariant()}"]),
            metrics = Metrics.ToDictionary(m => m.Id, m => new { name = m.Name, unit = m.Unit }),
            sections = template.Sections.SelectMany(s => s.Cells.Select(c => (c.Key, s.Key))).ToDictionary(p => p.Item1, p => p.Item2),
            cells = template.Cells.ToDictionary(c => c.Key, c => new { title = L(c.Title), kind = c.Kind.ToString() }),
            texts = new Dictionary<string, string>
            {
                ["deleted"] = T["board.deleted"], ["undo"] = T["board.undo"], ["restored"] = T["board.restored"],
                ["pickedUp"] = T["board.picked_up"], ["moveTarget"] = T["board.move_target"], ["dropped"] = T["board.dropped"],
                ["moveCancelled"] = T["board.move_cancelled"], ["selected"] = T["board.selected"], ["saveFailed"] = T["board.save_failed"],
                ["myDots"] = T["board.my_dots"], ["editHint"] = T["board.edit_hint"], ["movedBy"] = T["board.moved_by"],
                ["ideationOver"] = T["board.ideation_over"],
            },
        };
        return System.Text.Json.JsonSerializer.Serialize(data, System.Text.Json.JsonSerializerOptions.Web);
    }

    /// <summary>How many notes the caller sees in a section, for its tab and the overview.</summary>
    public int CountIn(SectionDefinition section) => section.Cells.Sum(c => CountIn(c));

    public int CountIn(CellDefinition cell) => Items.Count(i => i.CellKey == cell.Key);

    public static string AddForm(string cellKey, Guid? rowId) => rowId is null ? $"add-{cellKey}" : $"add-{cellKey}-{rowId:N}";
    public static string EditForm(Guid itemId) => $"edit-{itemId:N}";
}
