using System.Collections.Concurrent;
using System.Globalization;
using Digipaja.Core.Catalogue;
using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Workshops;
using Digipaja.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>
/// Every change to a worksheet goes through here, from the pages and the API alike: the cell and row must
/// exist, the text must be valid, the version must be current, and the caller must belong to the series.
/// </summary>
public sealed partial class WorksheetEditor(DigipajaDb db, Access access, Caller caller, TimeProvider time, LiveEvents live, ParsedTemplates templates,
    AddTargets targets)
{
    // Every change and every stream starts with these queries: compiled once, they skip building and looking up the
    // query's expression tree on each request (the county filter still applies, as a parameter). A compiled query
    // keeps the SQL of the first database it ran on, so there is one per provider (the tests run both in one process).
    private static readonly ConcurrentDictionary<string, Func<DigipajaDb, Guid, Guid?, CancellationToken, Task<LoadedSheet?>>> LoadSheet = new();
    private sealed record LoadedForAdd(Worksheet Sheet, int Revision, SeriesRole? Member, int? LastPosition);

    private static readonly ConcurrentDictionary<string, Func<DigipajaDb, Guid, Guid?, string, CancellationToken, Task<LoadedForAdd?>>> LoadForAdd = new();

    private static Func<DigipajaDb, Guid, Guid?, CancellationToken, Task<LoadedSheet?>> LoadSheetOn(DigipajaDb db) =>
        LoadSheet.GetOrAdd(db.Database.ProviderName ?? "", _ => EF.CompileAsyncQuery((DigipajaDb db, Guid worksheetId, Guid? userId, CancellationToken ct) =>
            db.Worksheets.Where(w => w.Id == worksheetId)
                .Select(w => new LoadedSheet(w, w.Template!.Revision,
                    db.SeriesMembers.Where(m => m.SeriesId == w.SeriesId && m.UserId == userId).Select(m => (SeriesRole?)m.Role).FirstOrDefault()))
                .SingleOrDefault()));

    // A new note goes after the last one of its cell: the same query also finds that position (not tracked: adding
    // an item changes nothing of the worksheet it loads).
    private static Func<DigipajaDb, Guid, Guid?, string, CancellationToken, Task<LoadedForAdd?>> LoadForAddOn(DigipajaDb db) =>
        LoadForAdd.GetOrAdd(db.Database.ProviderName ?? "", _ => EF.CompileAsyncQuery((DigipajaDb db, Guid worksheetId, Guid? userId, string cellKey, CancellationToken ct) =>
            db.Worksheets.AsNoTracking().Where(w => w.Id == worksheetId)
                .Select(w => new LoadedForAdd(w, w.Template!.Revision,
                    db.SeriesMembers.Where(m => m.SeriesId == w.SeriesId && m.UserId == userId).Select(m => (SeriesRole?)m.Role).FirstOrDefault(),
                    db.WorksheetItems.Where(i => i.WorksheetId == worksheetId && i.CellKey == cellKey).Max(i => (int?)i.Position)))
                .SingleOrDefault()));

    /// <summary>
    /// The worksheet, the caller's role in its series and its template's revision in one query; the parsed template
    /// itself comes from memory (it does not change once a worksheet uses it).
    /// </summary>
    public async Task<WorksheetContext?> LoadAsync(Guid worksheetId, CancellationToken ct = default)
    {
        var found = await LoadSheetOn(db)(db, worksheetId, caller.UserId, ct);
        return found is null ? null : await ContextAsync(found, ct);
    }

    private async Task<WorksheetContext> ContextAsync(LoadedSheet loaded, CancellationToken ct)
    {
        var template = await templates.GetAsync(db, loaded.Sheet.TemplateId, loaded.Revision, ct);
        return new WorksheetContext(loaded.Sheet, template.Definition, access.InSeries(loaded.Member))
        {
            TemplateKey = template.Key, TemplateVersion = template.Version,
        };
    }

    /// <summary>Rows and items the caller may see: others' notes from a running individual ideation stay hidden.</summary>
    public async Task<(List<WorksheetRow> Rows, List<WorksheetItem> Items)> ContentAsync(Guid worksheetId, bool includeDeleted = false, CancellationToken ct = default)
    {
        var rows = await db.WorksheetRows.Where(r => r.WorksheetId == worksheetId && (includeDeleted || !r.IsDeleted))
            .OrderBy(r => r.Position).AsNoTracking().ToListAsync(ct);
        var userId = caller.UserId;
        var items = await db.WorksheetItems
            .Where(i => i.WorksheetId == worksheetId && (includeDeleted || !i.IsDeleted) && (!i.IsPrivate || i.AuthorId == userId))
            .OrderBy(i => i.Position).ThenBy(i => i.CreatedAt).AsNoTracking().ToListAsync(ct);
        return (rows, items);
    }

    /// <summary>
    /// Adds a note after the last one of its cell. Where new notes are written in groups, what the add needs to know
    /// comes from this node's memory (<see cref="AddTargets"/>) and the write checks it; when it turned out stale, the
    /// note is validated again against a fresh read and written again.
    /// </summary>
    public async Task<EditResult<WorksheetItem>> AddItemAsync(Guid worksheetId, ItemInput input, CancellationToken ct = default)
    {
        var cellKey = input.CellKey ?? "";
        var inGroups = live.WritesItemsInGroups;
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            int? lastStored = null;
            var target = attempt == 1 && inGroups ? targets.Remembered(worksheetId, caller.UserId, cellKey) : null;
            var remembered = target is not null;
            if (target is null)
            {
                if (await LoadForAddOn(db)(db, worksheetId, caller.UserId, cellKey, ct) is not { } found) return EditResult<WorksheetItem>.NotFound();
                target = new LoadedSheet(found.Sheet, found.Revision, found.Member);
                lastStored = found.LastPosition;
                if (inGroups) targets.Remember(worksheetId, caller.UserId, target);
            }
            var context = await ContextAsync(target, ct);
            if (context.Permission == SeriesPermission.None)
            {
                if (remembered) continue; // someone may have been invited since: only a fresh read may refuse
                return EditResult<WorksheetItem>.Forbidden();
            }
            var cell = context.Template.FindCell(cellKey);
            if (cell is null) return EditResult<WorksheetItem>.Invalid(new FieldError("cellKey", "worksheet.unknown_cell"));

            var item = new WorksheetItem
            {
                WorksheetId = worksheetId, CellKey = cell.Key, Text = "", Kind = KindFor(cell, input.Kind),
                AuthorId = caller.UserId, AuthorName = caller.UserName ?? "",
                IsPrivate = Ideation.IsPrivateWhenWritten(context.Sheet.IdeationSectionKey, context.Template.SectionOf(cell.Key)?.Key),
            };
            var errors = await ApplyAsync(item, cell, input, context, isNew: true, ct);
            if (errors.Count > 0) return new EditResult<WorksheetItem>(EditStatus.Invalid, Errors: errors);
            // The event carries the position, so it is built once the position is given.
            (ItemEvent Event, Guid? Audience) Placed(int position)
            {
                item.Position = position;
                return EventFor(item, item.Version);
            }
            if (!inGroups)
            {
                var (added, audience) = Placed(lastStored + 1 ?? 0);
                await live.AddItemWithEventAsync(context.Sheet, item, added, audience, ct);
                return EditResult<WorksheetItem>.Ok(item);
            }
            var checks = new AddChecks(context.Sheet.IdeationSectionKey, ByCountyRole: access.RunsEverySeries);
            var written = await targets.QueueInOrder(worksheetId, cell.Key, lastStored, position =>
            {
                var (added, audience) = Placed(position);
                return live.QueueNewItem(context.Sheet, item, added, audience, checks);
            });
            if (written) return EditResult<WorksheetItem>.Ok(item);
            targets.Forget(worksheetId, caller.UserId);
            // Gone, or changed by someone else between the read and the write (again and again): reported as gone.
            if (attempt == attempts) return EditResult<WorksheetItem>.NotFound();
        }
    }

    public Task<EditResult<WorksheetItem>> UpdateItemAsync(Guid itemId, int? version, ItemInput input, CancellationToken ct = default) =>
        UpdateItemAsync(itemId, version, input, onStoredVersion: false, ct);

    /// <summary>
    /// Changes only the fields the input names (a move, a colour, a group) of the item as it is stored now: for changes
    /// made to many notes at once, where no text is written over. Someone saving in between is still detected.
    /// </summary>
    public Task<EditResult<WorksheetItem>> ChangeStoredItemAsync(Guid itemId, ItemInput input, CancellationToken ct = default) =>
        UpdateItemAsync(itemId, null, input, onStoredVersion: true, ct);

    private async Task<EditResult<WorksheetItem>> UpdateItemAsync(Guid itemId, int? version, ItemInput input, bool onStoredVersion, CancellationToken ct)
    {
        var (item, context, failure) = await FindItemAsync(itemId, ct);
        if (failure is not null) return failure;
        if (onStoredVersion) version = item!.Version;
        if (version is null) return EditResult<WorksheetItem>.Invalid(new FieldError("version", "validation.required"));
        if (item!.Version != version) return EditResult<WorksheetItem>.Conflict(item);
        var cell = context!.Template.FindCell(input.CellKey ?? item.CellKey);
        if (cell is null) return EditResult<WorksheetItem>.Invalid(new FieldError("cellKey", "worksheet.unknown_cell"));
        // A move keeps what the item is: a note goes to note cells, a task to task lists, and so on.
        if (cell.Kind != context.Template.FindCell(item.CellKey)?.Kind)
            return EditResult<WorksheetItem>.Invalid(new FieldError("cellKey", "worksheet.move_other_kind"));
        var errors = await ApplyAsync(item, cell, input, context, isNew: false, ct);
        if (errors.Count > 0) return new EditResult<WorksheetItem>(EditStatus.Invalid, Errors: errors);
        return await SaveAsync(context.Sheet, item, version.Value, ct);
    }

    public async Task<EditResult<WorksheetItem>> SetDeletedAsync(Guid itemId, bool deleted, int? version, CancellationToken ct = default)
    {
        var (item, context, failure) = await FindItemAsync(itemId, ct, includeDeleted: true);
        if (failure is not null) return failure;
        if (version is not null && item!.Version != version) return EditResult<WorksheetItem>.Conflict(item);
        if (item!.IsDeleted == deleted) return EditResult<WorksheetItem>.Ok(item);
        item.IsDeleted = deleted;
        if (!deleted && item.RowId is { } rowId)
        {
            // Restoring a note of a removed service row brings the row back too, so the note has a place.
            var row = await db.WorksheetRows.SingleAsync(r => r.Id == rowId, ct);
            row.IsDeleted = false;
            // A service keeps the go-live milestone it was given meanwhile; the restored one comes back as a milestone.
            if (item.IsGoLive && await OtherGoLiveAsync(item, rowId, ct)) item.IsGoLive = false;
        }
        return await SaveAsync(context!.Sheet, item, item.Version, ct);
    }

    private async Task<(WorksheetItem?, WorksheetContext?, EditResult<WorksheetItem>?)> FindItemAsync(Guid itemId, CancellationToken ct, bool includeDeleted = false)
    {
        var item = await db.WorksheetItems.SingleOrDefaultAsync(i => i.Id == itemId, ct);
        // Someone else's note from a running ideation is treated as absent, exactly like another county's.
        if (item is null || !item.IsVisibleTo(caller.UserId) || (item.IsDeleted && !includeDeleted))
            return (null, null, EditResult<WorksheetItem>.NotFound());
        var context = await LoadAsync(item.WorksheetId, ct);
        if (context is null) return (null, null, EditResult<WorksheetItem>.NotFound());
        if (context.Permission == SeriesPermission.None) return (null, null, EditResult<WorksheetItem>.Forbidden());
        return (item, context, null);
    }

    private async Task<EditResult<WorksheetItem>> SaveAsync(Worksheet sheet, WorksheetItem item, int basedOnVersion, CancellationToken ct)
    {
        db.Entry(item).Property(i => i.Version).OriginalValue = basedOnVersion;
        item.UpdatedAt = time.GetUtcNow().UtcDateTime;
        try
        {
            var (changed, audience) = EventFor(item, item.Version + 1);
            await live.SaveWithEventAsync(sheet, "item", changed, audience, ct);
            return EditResult<WorksheetItem>.Ok(item);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: report theirs, keep nothing of ours.
            db.ChangeTracker.Clear();
            var current = await db.WorksheetItems.AsNoTracking().SingleAsync(i => i.Id == item.Id, ct);
            return EditResult<WorksheetItem>.Conflict(current);
        }
    }

    /// <summary>
    /// The live event of an item as it is once saved with <paramref name="savedVersion"/>, and who may receive it: a
    /// note still private to its author goes to the author alone.
    /// </summary>
    private (ItemEvent Event, Guid? Audience) EventFor(WorksheetItem item, int savedVersion) =>
        (new ItemEvent(ItemDto.From(item) with { Version = savedVersion }, caller.UserId, caller.UserName ?? ""), item.IsPrivate ? item.AuthorId : null);

    private static ItemKind KindFor(CellDefinition cell, string? requested) => cell.Kind switch
    {
        CellKind.Tasks => ItemKind.Task,
        CellKind.Metrics => ItemKind.Metric,
        CellKind.Path => requested == "milestone" ? ItemKind.Milestone : ItemKind.Phase,
        _ => ItemKind.Note,
    };

    private async Task<List<FieldError>> ApplyAsync(WorksheetItem item, CellDefinition cell, ItemInput input, WorksheetContext context, bool isNew, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        void Check(FieldError? e) { if (e is not null) errors.Add(e); }

        // Row: required on row cells, optional elsewhere (a note may name the service it is about).
        var rowId = input.RowId ?? (isNew || input.CellKey is not null ? null : item.RowId);
        if (input.RowId is { } requested && !await db.WorksheetRows.AnyAsync(r => r.Id == requested && r.WorksheetId == item.WorksheetId && !r.IsDeleted, ct))
            errors.Add(new FieldError("rowId", "worksheet.unknown_row"));
        else if (cell.NeedsRow && rowId is null)
            errors.Add(new FieldError("rowId", "worksheet.row_required"));

        Metric? metric = null;
        if (input.MetricId is { } metricId && cell.Kind == CellKind.Metrics)
        {
            metric = await db.Metrics.SingleOrDefaultAsync(m => m.Id == metricId, ct);
            if (metric is null) errors.Add(new FieldError("metricId", "worksheet.unknown_metric"));
        }
        var text = input.Text ?? (isNew ? null : item.Text);
        if (metric is not null && string.IsNullOrWhiteSpace(text)) text = metric.Name;
        Check(TextRules.CheckRequired("text", text, WorksheetItem.TextMaxLength));
        Check(TextRules.CheckOptional("owner", input.Owner, WorksheetItem.ShortMaxLength));
        Check(TextRules.CheckOptional("tag", input.Tag, WorksheetItem.ShortMaxLength));
        Check(TextRules.CheckOptional("group", input.Group, WorksheetItem.ShortMaxLength));
        var due = ParseDate("dueDate", input.DueDate, errors);
        var start = ParseDate("startDate", input.StartDate, errors);
        var end = ParseDate("endDate", input.EndDate, errors);
        var colour = NoteColour.Yellow;
        if (input.Colour is not null && !(Enum.TryParse(input.Colour, ignoreCase: true, out colour) && Enum.IsDefined(colour)))
            errors.Add(new FieldError("colour", "validation.choose"));
        var kind = input.Kind is null && !isNew ? item.Kind : KindFor(cell, input.Kind);
        var goLive = kind == ItemKind.Milestone && (input.GoLive ?? (!isNew && item.IsGoLive));
        if (input.GoLive == true && kind != ItemKind.Milestone)
            errors.Add(new FieldError("goLive", "worksheet.go_live_milestone_only"));
        else if (goLive && rowId is { } goLiveRow && errors.Count == 0 && await OtherGoLiveAsync(item, goLiveRow, ct))
            errors.Add(new FieldError("goLive", "worksheet.go_live_taken"));
        var effectiveStart = start ?? (input.StartDate is null ? item.StartDate : null);
        var effectiveEnd = end ?? (input.EndDate is null ? item.EndDate : null);
        if (effectiveStart is { } s && effectiveEnd is { } e && e < s) errors.Add(new FieldError("endDate", "worksheet.end_before_start"));
        if (errors.Count > 0) return errors;

        if (input.CellKey is not null && input.CellKey != item.CellKey && !isNew)
            item.IsPrivate = Ideation.StaysPrivateAfterMove(item.IsPrivate, context.Sheet.IdeationSectionKey, context.Template.SectionOf(cell.Key)?.Key);
        item.CellKey = cell.Key;
        item.RowId = rowId;
        item.Kind = kind;
        item.IsGoLive = goLive;
        item.Text = text!.Trim();
        if (input.Owner is not null) item.Owner = input.Owner.Trim();
        if (input.Tag is not null) item.Tag = input.Tag.Trim();
        if (input.Group is not null) item.Group = input.Group.Trim();
        if (input.Colour is not null) item.Colour = colour;
        if (input.DueDate is not null) item.DueDate = due;
        if (input.StartDate is not null) item.StartDate = start;
        if (input.EndDate is not null) item.EndDate = end;
        if (metric is not null) item.MetricId = metric.Id;
        return errors;
    }

    /// <summary>Whether another milestone of the service row, not deleted, is already its go-live.</summary>
    private Task<bool> OtherGoLiveAsync(WorksheetItem item, Guid rowId, CancellationToken ct) =>
        db.WorksheetItems.AnyAsync(i => i.RowId == rowId && i.Id != item.Id && i.IsGoLive && !i.IsDeleted && i.Kind == ItemKind.Milestone, ct);

    /// <summary>An empty text clears the date; anything else must be an ISO date (yyyy-mm-dd, as date inputs send).</summary>
    private static DateOnly? ParseDate(string field, string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(new FieldError(field, "validation.date"));
        return null;
    }
}
