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

public enum EditStatus
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>The outcome of a worksheet change; on a conflict, Current holds the newer stored item.</summary>
public sealed record EditResult<T>(EditStatus Status, T? Value = default, IReadOnlyList<FieldError>? Errors = null, WorksheetItem? Current = null)
{
    public static EditResult<T> Ok(T value) => new(EditStatus.Ok, value);
    public static EditResult<T> NotFound() => new(EditStatus.NotFound);
    public static EditResult<T> Forbidden() => new(EditStatus.Forbidden);
    public static EditResult<T> Invalid(params FieldError[] errors) => new(EditStatus.Invalid, Errors: errors);
    public static EditResult<T> Conflict(WorksheetItem current) => new(EditStatus.Conflict, Current: current);
}

/// <summary>What a person writes into an item; a null field is left as it is when an item is updated.</summary>
public sealed class ItemInput
{
    public string? CellKey { get; set; }
    public Guid? RowId { get; set; }
    public string? Text { get; set; }
    /// <summary>"phase" or "milestone" on a development path; other cells decide the kind themselves.</summary>
    public string? Kind { get; set; }
    public string? Owner { get; set; }
    public string? DueDate { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }
    public Guid? MetricId { get; set; }
    public string? Colour { get; set; }
    public string? Tag { get; set; }
    public string? Group { get; set; }
}

/// <summary>A worksheet as the caller may see it: its template and their permission in its series.</summary>
public sealed record WorksheetContext(Worksheet Sheet, TemplateDefinition Template, SeriesPermission Permission)
{
    /// <summary>The stored key and version of the worksheet's template (the worksheet's Template is not loaded).</summary>
    public string TemplateKey { get; init; } = "";
    public int TemplateVersion { get; init; }

    public bool CanFacilitate => Permission == SeriesPermission.Facilitate;
}

/// <summary>A worksheet as loaded for a change, with its template's revision and the caller's role in its series.</summary>
public sealed record LoadedSheet(Worksheet Sheet, int Revision, SeriesRole? Member);

/// <summary>
/// Every change to a worksheet goes through here, from the pages and the API alike: the cell and row must
/// exist, the text must be valid, the version must be current, and the caller must belong to the series.
/// </summary>
public sealed class WorksheetEditor(DigipajaDb db, Access access, Caller caller, TimeProvider time, LiveEvents live, ParsedTemplates templates,
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
                IsPrivate = context.Sheet.IdeationSectionKey is { } ideation && context.Template.SectionOf(cell.Key)?.Key == ideation,
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
        }
        return await SaveAsync(context!.Sheet, item, item.Version, ct);
    }

    public async Task<EditResult<WorksheetRow>> AddRowAsync(Guid worksheetId, CancellationToken ct = default)
    {
        if (await LoadAsync(worksheetId, ct) is not { } context) return EditResult<WorksheetRow>.NotFound();
        if (context.Permission == SeriesPermission.None) return EditResult<WorksheetRow>.Forbidden();
        var position = await db.WorksheetRows.Where(r => r.WorksheetId == worksheetId).Select(r => (int?)r.Position).MaxAsync(ct) + 1 ?? 0;
        var row = new WorksheetRow { WorksheetId = worksheetId, Position = position };
        db.WorksheetRows.Add(row);
        await live.SaveWithEventAsync(context.Sheet, "row", RowDto.From(row), ct: ct);
        return EditResult<WorksheetRow>.Ok(row);
    }

    /// <summary>Removes or brings back a service row; its notes stay stored with it and return when it does.</summary>
    public async Task<EditResult<WorksheetRow>> SetRowDeletedAsync(Guid worksheetId, Guid rowId, bool deleted, CancellationToken ct = default)
    {
        if (await LoadAsync(worksheetId, ct) is not { } context) return EditResult<WorksheetRow>.NotFound();
        if (context.Permission == SeriesPermission.None) return EditResult<WorksheetRow>.Forbidden();
        var row = await db.WorksheetRows.SingleOrDefaultAsync(r => r.Id == rowId && r.WorksheetId == worksheetId, ct);
        if (row is null) return EditResult<WorksheetRow>.NotFound();
        row.IsDeleted = deleted;
        await live.SaveWithEventAsync(context.Sheet, "row", RowDto.From(row), ct: ct);
        return EditResult<WorksheetRow>.Ok(row);
    }

    public async Task<EditResult<Worksheet>> StartIdeationAsync(Guid worksheetId, string sectionKey, int minutes, CancellationToken ct = default)
    {
        if (await LoadAsync(worksheetId, ct) is not { } context) return EditResult<Worksheet>.NotFound();
        if (!context.CanFacilitate) return EditResult<Worksheet>.Forbidden();
        if (context.Template.Sections.All(s => s.Key != sectionKey))
            return EditResult<Worksheet>.Invalid(new FieldError("sectionKey", "worksheet.unknown_section"));
        if (minutes is < 1 or > 60) return EditResult<Worksheet>.Invalid(new FieldError("minutes", "worksheet.ideation_minutes"));
        if (context.Sheet.IdeationSectionKey is { } running && running != sectionKey)
            await RevealItemsAsync(context, running, ct);
        var revealed = context.Sheet.IdeationSectionKey;
        context.Sheet.IdeationSectionKey = sectionKey;
        context.Sheet.IdeationEndsAt = time.GetUtcNow().UtcDateTime.AddMinutes(minutes);
        await live.SaveWithEventAsync(context.Sheet, "ideation", new IdeationDto(sectionKey, context.Sheet.IdeationEndsAt, revealed), ct: ct);
        return EditResult<Worksheet>.Ok(context.Sheet);
    }

    /// <summary>Ends the individual ideation of a section: everyone's private notes there become visible to all.</summary>
    public async Task<EditResult<Worksheet>> RevealAsync(Guid worksheetId, CancellationToken ct = default)
    {
        if (await LoadAsync(worksheetId, ct) is not { } context) return EditResult<Worksheet>.NotFound();
        if (!context.CanFacilitate) return EditResult<Worksheet>.Forbidden();
        var revealed = context.Sheet.IdeationSectionKey;
        if (revealed is not null) await RevealItemsAsync(context, revealed, ct);
        context.Sheet.IdeationSectionKey = null;
        context.Sheet.IdeationEndsAt = null;
        await live.SaveWithEventAsync(context.Sheet, "ideation", new IdeationDto(null, null, revealed), ct: ct);
        return EditResult<Worksheet>.Ok(context.Sheet);
    }

    private async Task RevealItemsAsync(WorksheetContext context, string sectionKey, CancellationToken ct)
    {
        var cells = context.Template.Sections.Single(s => s.Key == sectionKey).Cells.Select(c => c.Key).ToList();
        var hidden = await db.WorksheetItems.Where(i => i.WorksheetId == context.Sheet.Id && i.IsPrivate && cells.Contains(i.CellKey)).ToListAsync(ct);
        foreach (var item in hidden) item.IsPrivate = false;
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

    public async Task<EditResult<Worksheet>> SetTimerAsync(Guid worksheetId, string action, int minutes, CancellationToken ct = default)
    {
        if (await LoadAsync(worksheetId, ct) is not { } context) return EditResult<Worksheet>.NotFound();
        if (!context.CanFacilitate) return EditResult<Worksheet>.Forbidden();
        var sheet = context.Sheet;
        var now = time.GetUtcNow().UtcDateTime;
        var left = sheet.TimerPausedSeconds ?? (sheet.TimerEndsAt is { } end ? Math.Max(0, (int)(end - now).TotalSeconds) : 0);
        switch (action)
        {
            case "start" when minutes is >= 1 and <= 180:
                (sheet.TimerEndsAt, sheet.TimerPausedSeconds) = (now.AddMinutes(minutes), null);
                break;
            case "pause" when sheet.TimerEndsAt is not null:
                (sheet.TimerEndsAt, sheet.TimerPausedSeconds) = (null, left);
                break;
            case "resume" when sheet.TimerPausedSeconds is { } paused:
                (sheet.TimerEndsAt, sheet.TimerPausedSeconds) = (now.AddSeconds(paused), null);
                break;
            case "extend" when sheet.TimerEndsAt is not null || sheet.TimerPausedSeconds is not null:
                if (sheet.TimerPausedSeconds is { } p) sheet.TimerPausedSeconds = p + 60;
                else sheet.TimerEndsAt = (sheet.TimerEndsAt < now ? now : sheet.TimerEndsAt!.Value).AddMinutes(1);
                break;
            case "stop":
                (sheet.TimerEndsAt, sheet.TimerPausedSeconds) = (null, null);
                break;
            case "start":
                return EditResult<Worksheet>.Invalid(new FieldError("minutes", "worksheet.timer_minutes"));
            default:
                return EditResult<Worksheet>.Invalid(new FieldError("action", "worksheet.timer_not_running"));
        }
        await live.SaveWithEventAsync(sheet, "timer", new TimerDto(sheet.TimerEndsAt, sheet.TimerPausedSeconds), ct: ct);
        return EditResult<Worksheet>.Ok(sheet);
    }

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
        var effectiveStart = start ?? (input.StartDate is null ? item.StartDate : null);
        var effectiveEnd = end ?? (input.EndDate is null ? item.EndDate : null);
        if (effectiveStart is { } s && effectiveEnd is { } e && e < s) errors.Add(new FieldError("endDate", "worksheet.end_before_start"));
        if (errors.Count > 0) return errors;

        if (input.CellKey is not null && input.CellKey != item.CellKey && !isNew)
            item.IsPrivate = item.IsPrivate && context.Template.SectionOf(cell.Key)?.Key == context.Sheet.IdeationSectionKey;
        item.CellKey = cell.Key;
        item.RowId = rowId;
        item.Kind = kind;
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

    /// <summary>An empty text clears the date; anything else must be an ISO date (yyyy-mm-dd, as date inputs send).</summary>
    private static DateOnly? ParseDate(string field, string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(new FieldError(field, "validation.date"));
        return null;
    }
}
