using Digipaja.Core.Common;
using Digipaja.Core.Workshops;
using Digipaja.Web.Features.Admin;
using Digipaja.Web.Localization;

namespace Digipaja.Web.Features.Workshops;

/// <summary>
/// What the workshop pages share with the administration pages (field errors, saving with conflict detection,
/// notices), plus Finnish time: workshops are booked and shown in Europe/Helsinki time and stored in UTC.
/// </summary>
public abstract class WorkshopsPage(Texts texts) : AdminPage(texts)
{
    public static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    /// <summary>SQLite hands times back without a kind; every stored time is UTC.</summary>
    public static DateTime AsUtc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);

    public static DateTime ToHelsinki(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), Helsinki);

    /// <summary>The workshop's date and time in Finnish time, e.g. "ti 14.4.2026 klo 9.00–12.00", or "not booked".</summary>
    public string When(Workshop workshop) => workshop.StartsAt is { } start
        ? T["workshop.when", ToHelsinki(start), ToHelsinki(AsUtc(start).AddMinutes(workshop.DurationMinutes))]
        : T["workshop.not_booked"];

    public string Minutes(int minutes) => T["workshop.minutes", minutes];

    public string RoleName(SeriesRole role) => T[role == SeriesRole.Facilitator ? "series.role.facilitator" : "series.role.participant"];

    /// <summary>Adds errors to a form other than the page's main Input form, e.g. "Invite".</summary>
    protected bool AddErrorsTo(string prefix, params FieldError?[] errors)
    {
        foreach (var e in errors.OfType<FieldError>())
            ModelState.AddModelError(e.Field.Length == 0 ? "" : $"{prefix}.{e.Field}", T[e.MessageKey]);
        return ModelState.IsValid;
    }

    /// <summary>Reads a whole number typed into a form; null when it is not one.</summary>
    protected static int? ParseNumber(string? text) =>
        int.TryParse(text?.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
