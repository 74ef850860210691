using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>
/// The facilitator's part of a worksheet: individual ideation and its reveal, and the timer. Their rules are in the
/// core (<see cref="Ideation"/>, <see cref="TimerState"/>); here they are loaded, checked against the caller and saved
/// with their live event.
/// </summary>
public sealed partial class WorksheetEditor
{
    public async Task<EditResult<Worksheet>> StartIdeationAsync(Guid worksheetId, string sectionKey, int minutes, CancellationToken ct = default)
    {
        if (await LoadAsync(worksheetId, ct) is not { } context) return EditResult<Worksheet>.NotFound();
        if (!context.CanFacilitate) return EditResult<Worksheet>.Forbidden();
        if (context.Template.Sections.All(s => s.Key != sectionKey))
            return EditResult<Worksheet>.Invalid(new FieldError("sectionKey", "worksheet.unknown_section"));
        if (Ideation.CheckMinutes(minutes) is { } tooLong) return EditResult<Worksheet>.Invalid(new FieldError("minutes", tooLong));
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

    public async Task<EditResult<Worksheet>> SetTimerAsync(Guid worksheetId, string action, int minutes, CancellationToken ct = default)
    {
        if (await LoadAsync(worksheetId, ct) is not { } context) return EditResult<Worksheet>.NotFound();
        if (!context.CanFacilitate) return EditResult<Worksheet>.Forbidden();
        var sheet = context.Sheet;
        var (next, error) = new TimerState(sheet.TimerEndsAt, sheet.TimerPausedSeconds).Apply(action, minutes, time.GetUtcNow().UtcDateTime);
        if (next is null) return EditResult<Worksheet>.Invalid(new FieldError(action == "start" ? "minutes" : "action", error!));
        (sheet.TimerEndsAt, sheet.TimerPausedSeconds) = (next.EndsAt, next.PausedSeconds);
        await live.SaveWithEventAsync(sheet, "timer", new TimerDto(sheet.TimerEndsAt, sheet.TimerPausedSeconds), ct: ct);
        return EditResult<Worksheet>.Ok(sheet);
    }
}
