using System.Globalization;
using Digipaja.Core.Common;
using Digipaja.Core.Workshops;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Digipaja.Web.Accounts;

namespace Digipaja.Web.Features.Workshops;

/// <summary>
/// A facilitator books a workshop (date and start time in Finnish time), sets its length, title, topic and goal,
/// and builds its agenda. The workshop and each agenda item are saved with their own version check.
/// </summary>
public sealed class WorkshopModel(DigipajaDb db, Access access, Texts texts) : WorkshopsPage(texts)
{
    public const int MinDuration = 15;
    public const int MaxDuration = 600;
    public const int MaxItemMinutes = 600;

    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Topic { get; set; }
        public string? Goal { get; set; }
        public string? Date { get; set; }
        public string? Time { get; set; }
        public string? Duration { get; set; }
        public int Version { get; set; }
    }

    public sealed class ItemInput
    {
        public string? Title { get; set; }
        public string? Minutes { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public ItemInput Item { get; set; } = new();
    [BindProperty] public ItemInput NewItem { get; set; } = new();

    public Workshop Workshop { get; private set; } = null!;
    public string SeriesName { get; private set; } = "";
    public List<AgendaItem> Agenda { get; private set; } = [];
    /// <summary>The agenda item whose form was posted and failed: it shows what the user typed.</summary>
    public Guid? PostedItemId { get; private set; }

    public static string ItemFieldId(Guid itemId, string field) => $"agenda-{itemId}-{field}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is { } denied) return denied;
        FillInput();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is { } denied) return denied;
        var startsAt = ReadStart();
        var duration = ParseNumber(Input.Duration);
        AddErrors(TextRules.CheckRequired("Title", Input.Title, TextRules.NameMaxLength),
            TextRules.CheckOptional("Topic", Input.Topic, TextRules.DescriptionMaxLength),
            TextRules.CheckOptional("Goal", Input.Goal, TextRules.DescriptionMaxLength),
            duration is null or < MinDuration or > MaxDuration ? new FieldError("Duration", "workshop.validation.duration") : null);
        if (!ModelState.IsValid) return Page();
        var w = Workshop;
        if (!CheckVersion(db, w, Input.Version, ("workshop.title", w.Title), ("workshop.when_label", When(w)),
                ("workshop.duration", Minutes(w.DurationMinutes)), ("workshop.topic", w.Topic), ("workshop.goal", w.Goal)))
        {
            Input.Version = w.Version;
            return Page();
        }
        w.Title = Input.Title!.Trim();
        w.Topic = Input.Topic?.Trim() ?? "";
        w.Goal = Input.Goal?.Trim() ?? "";
        w.StartsAt = startsAt;
        w.DurationMinutes = duration!.Value;
        if (!await TrySaveAsync(db, ct: ct)) return await ReloadAsync(id, ct);
        Notice("workshop.notice.saved", w.Title);
        return RedirectToPage(null, null, new { id }, null);
    }

    public async Task<IActionResult> OnPostItemAsync(Guid id, Guid itemId, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is { } denied) return denied;
        FillInput();
        if (Agenda.FirstOrDefault(a => a.Id == itemId) is not { } item) return NotFound();
        PostedItemId = itemId;
        var minutes = ParseNumber(Item.Minutes);
        if (TextRules.CheckRequired("title", Item.Title, TextRules.NameMaxLength) is { } titleError)
            ModelState.AddModelError(ItemFieldId(itemId, "title"), T[titleError.MessageKey]);
        if (minutes is null or < 1 or > MaxItemMinutes)
            ModelState.AddModelError(ItemFieldId(itemId, "minutes"), T["workshop.validation.agenda_minutes"]);
        if (!ModelState.IsValid) return Page();
        if (!CheckVersion(db, item, Item.Version, ("workshop.agenda.item_title", item.Title), ("workshop.agenda.minutes", Minutes(item.Minutes))))
        {
            Item.Version = item.Version;
            return Page();
        }
        item.Title = Item.Title!.Trim();
        item.Minutes = minutes!.Value;
        if (!await TrySaveAsync(db, ct: ct)) return await ReloadAsync(id, ct);
        Notice("workshop.notice.item_saved", item.Title);
        return RedirectToPage(null, null, new { id }, "agenda");
    }

    public async Task<IActionResult> OnPostAddItemAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is { } denied) return denied;
        FillInput();
        var minutes = ParseNumber(NewItem.Minutes);
        AddErrorsTo("NewItem", TextRules.CheckRequired("Title", NewItem.Title, TextRules.NameMaxLength),
            minutes is null or < 1 or > MaxItemMinutes ? new FieldError("Minutes", "workshop.validation.agenda_minutes") : null);
        if (!ModelState.IsValid) return Page();
        var item = new AgendaItem
        {
            WorkshopId = Workshop.Id, SeriesId = Workshop.SeriesId, Title = NewItem.Title!.Trim(), Minutes = minutes!.Value,
            Position = Agenda.Count == 0 ? 0 : Agenda.Max(a => a.Position) + 1,
        };
        db.AgendaItems.Add(item);
        if (!await TrySaveAsync(db, ct: ct)) return await ReloadAsync(id, ct);
        Notice("workshop.notice.item_added", item.Title);
        return RedirectToPage(null, null, new { id }, "agenda");
    }

    public async Task<IActionResult> OnPostRemoveItemAsync(Guid id, Guid itemId, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is { } denied) return denied;
        FillInput();
        if (Agenda.FirstOrDefault(a => a.Id == itemId) is not { } item) return NotFound();
        if (!CheckVersion(db, item, Item.Version, ("workshop.agenda.item_title", item.Title), ("workshop.agenda.minutes", Minutes(item.Minutes))))
            return Page();
        db.AgendaItems.Remove(item);
        if (!await TrySaveAsync(db, ct: ct)) return await ReloadAsync(id, ct);
        Notice("workshop.notice.item_removed", item.Title);
        return RedirectToPage(null, null, new { id }, "agenda");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid itemId, string? direction, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is { } denied) return denied;
        FillInput();
        var index = Agenda.FindIndex(a => a.Id == itemId);
        if (index < 0) return NotFound();
        var item = Agenda[index];
        var other = direction switch { "up" => index - 1, "down" => index + 1, _ => -1 };
        if (other < 0 || other >= Agenda.Count) return RedirectToPage(null, null, new { id }, "agenda");
        if (!CheckVersion(db, item, Item.Version, ("workshop.agenda.item_title", item.Title), ("workshop.agenda.minutes", Minutes(item.Minutes))))
            return Page();
        var neighbour = Agenda[other];
        (item.Position, neighbour.Position) = (neighbour.Position, item.Position);
        if (!await TrySaveAsync(db, ct: ct)) return await ReloadAsync(id, ct);
        Notice("workshop.notice.item_moved", item.Title);
        return RedirectToPage(null, null, new { id }, "agenda");
    }

    /// <summary>404 for a workshop outside the caller's county, 403 for anyone who does not facilitate its series.</summary>
    private async Task<IActionResult?> FindAsync(Guid id, CancellationToken ct)
    {
        var workshop = await db.Workshops.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (workshop is null) return NotFound();
        if (await access.InSeriesAsync(workshop.SeriesId, ct) != SeriesPermission.Facilitate) return Forbid();
        Workshop = workshop;
        SeriesName = await db.WorkshopSeries.Where(s => s.Id == workshop.SeriesId).Select(s => s.Name).SingleAsync(ct);
        Agenda = await db.AgendaItems.Where(a => a.WorkshopId == id).OrderBy(a => a.Position).ToListAsync(ct);
        return null;
    }

    /// <summary>After a failed save the tracked values are discarded: show the stored state again.</summary>
    private async Task<IActionResult> ReloadAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is { } denied) return denied;
        return Page();
    }

    private void FillInput()
    {
        var local = Workshop.StartsAt is { } start ? ToHelsinki(start) : (DateTime?)null;
        Input = new InputModel
        {
            Title = Workshop.Title, Topic = Workshop.Topic, Goal = Workshop.Goal,
            Date = local?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Time = local?.ToString("HH:mm", CultureInfo.InvariantCulture),
            Duration = Workshop.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            Version = Workshop.Version,
        };
    }

    /// <summary>
    /// The date and start time as typed (Finnish time) in UTC; both empty means "not booked".
    /// Problems are added to the model state.
    /// </summary>
    private DateTime? ReadStart()
    {
        var dateText = Input.Date?.Trim() ?? "";
        var timeText = Input.Time?.Trim() ?? "";
        if (dateText.Length == 0 && timeText.Length == 0) return null;
        DateOnly? date = null;
        TimeOnly? time = null;
        if (dateText.Length == 0) AddError("Date", "workshop.validation.date_required");
        else if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            AddError("Date", "validation.date");
        else if (d.Year is < 2000 or > 2100) AddError("Date", "workshop.validation.date_range");
        else date = d;
        if (timeText.Length == 0) AddError("Time", "workshop.validation.time_required");
        else if (!TimeOnly.TryParseExact(timeText, ["HH:mm", "H:mm", "HH:mm:ss", "HH.mm", "H.mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            AddError("Time", "workshop.validation.time");
        else time = t;
        if (date is null || time is null) return null;
        var local = date.Value.ToDateTime(time.Value, DateTimeKind.Unspecified);
        // When the clocks go forward, an hour of the night does not exist in Finland.
        if (Helsinki.IsInvalidTime(local))
        {
            AddError("Time", "workshop.validation.time_skipped");
            return null;
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, Helsinki);
    }
}
