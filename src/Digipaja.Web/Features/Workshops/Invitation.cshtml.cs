using System.Text;
using Digipaja.Core.Common;
using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Workshops;

/// <summary>
/// The invitation of one workshop, filled in from the series' template and ready to copy into an e-mail or a
/// calendar booking, the workshop as a calendar event (.ics), and the welcome message for new participants.
/// Facilitators edit the series' invitation template, subject and link here.
/// </summary>
public sealed class InvitationModel(DigipajaDb db, Access access, Caller caller, BuiltInContent content, TimeProvider clock, Texts texts, PublicUrl publicUrl)
    : WorkshopsPage(texts)
{
    public const int TemplateMaxLength = 8000;

    public sealed class InputModel
    {
        public string? Subject { get; set; }
        public string? Template { get; set; }
        public string? Link { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public Workshop Workshop { get; private set; } = null!;
    public WorkshopSeries Series { get; private set; } = null!;
    public bool CanFacilitate { get; private set; }
    public string Subject { get; private set; } = "";
    public string Text { get; private set; } = "";
    public string Welcome { get; private set; } = "";

    /// <summary>Each placeholder with the key of the text that explains it.</summary>
    public static readonly (string Placeholder, string TextKey)[] Placeholders =
    [
        ("{serviceLine}", "series.invitation.placeholder.service_line"),
        ("{workshop}", "series.invitation.placeholder.workshop"),
        ("{topic}", "series.invitation.placeholder.topic"),
        ("{goal}", "series.invitation.placeholder.goal"),
        ("{link}", "series.invitation.placeholder.link"),
        ("{sender}", "series.invitation.placeholder.sender"),
    ];

    public async Task<IActionResult> OnGetAsync(Guid workshopId, CancellationToken ct)
    {
        if (await FindAsync(workshopId, SeriesPermission.Participate, ct) is { } denied) return denied;
        FillInput();
        return Page();
    }

    public async Task<IActionResult> OnGetCalendarAsync(Guid workshopId, CancellationToken ct)
    {
        if (await FindAsync(workshopId, SeriesPermission.Participate, ct) is { } denied) return denied;
        // Without a date there is no event to put in a calendar; the page explains this instead of linking here.
        if (Workshop.StartsAt is not { } start) return NotFound();
        var ics = Invitation.Calendar(Workshop.Id, Subject, Text, Series.Link, AsUtc(start), Workshop.DurationMinutes,
            clock.GetUtcNow().UtcDateTime);
        return File(new UTF8Encoding(false).GetBytes(ics), "text/calendar; charset=utf-8", Invitation.CalendarFileName(Workshop.Number, Workshop.Title));
    }

    public async Task<IActionResult> OnPostAsync(Guid workshopId, CancellationToken ct)
    {
        if (await FindAsync(workshopId, SeriesPermission.Facilitate, ct, track: true) is { } denied) return denied;
        AddErrors(TextRules.CheckRequired("Subject", Input.Subject, TextRules.NameMaxLength),
            TextRules.CheckRequired("Template", Input.Template, TemplateMaxLength),
            TextRules.CheckOptional("Link", Input.Link, TextRules.DescriptionMaxLength));
        CheckPlaceholders("Subject", Input.Subject);
        CheckPlaceholders("Template", Input.Template);
        if (!ModelState.IsValid) return Page();
        var series = Series;
        if (!CheckVersion(db, series, Input.Version, ("series.invitation.subject", series.InvitationSubject),
                ("series.invitation.template", series.InvitationTemplate), ("series.invitation.link", series.Link)))
        {
            Input.Version = series.Version;
            return Page();
        }
        series.InvitationSubject = Input.Subject!.Trim();
        series.InvitationTemplate = Invitation.NormalizeLineBreaks(Input.Template!.Trim());
        series.Link = Input.Link?.Trim() ?? "";
        if (!await TrySaveAsync(db, ct: ct))
        {
            await FindAsync(workshopId, SeriesPermission.Facilitate, ct);
            return Page();
        }
        Notice("series.invitation.notice.saved");
        return RedirectToPage(null, null, new { workshopId }, null);
    }

    private void CheckPlaceholders(string field, string? text)
    {
        if (Invitation.UnknownPlaceholders(text) is { Count: > 0 } unknown)
            ModelState.AddModelError($"Input.{field}", T["series.invitation.unknown_placeholder", string.Join(", ", unknown)]);
    }

    /// <summary>404 for a workshop outside the caller's county, 403 without the permission; fills in the texts.</summary>
    private async Task<IActionResult?> FindAsync(Guid workshopId, SeriesPermission needed, CancellationToken ct, bool track = false)
    {
        var workshop = await db.Workshops.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workshopId, ct);
        if (workshop is null) return NotFound();
        var permission = await access.InSeriesAsync(workshop.SeriesId, ct);
        if (permission < needed || permission == SeriesPermission.None) return Forbid();
        var seriesQuery = track ? db.WorkshopSeries : db.WorkshopSeries.AsNoTracking();
        Series = await seriesQuery.SingleAsync(s => s.Id == workshop.SeriesId, ct);
        Workshop = workshop;
        CanFacilitate = permission == SeriesPermission.Facilitate;

        var lineNames = await db.SeriesServiceLines.Where(l => l.SeriesId == workshop.SeriesId)
            .Join(db.ServiceLines, sl => sl.ServiceLineId, l => l.Id, (sl, l) => new { l.Code, l.Name }).ToListAsync(ct);
        var serviceLine = string.Join(", ", lineNames.OrderBy(l => l.Code, StringComparer.Ordinal).Select(l => l.Name));
        var sender = caller.UserName ?? "";
        var values = new Invitation.Values(serviceLine, workshop.Title, workshop.Topic, workshop.Goal, Series.Link, sender);
        Subject = Invitation.Fill(Series.InvitationSubject, values);
        Text = Invitation.Fill(Series.InvitationTemplate, values);
        // The welcome message leads new participants to the series in Digipaja itself.
        var seriesUrl = publicUrl.Absolute(Request, $"/Workshops/Series/{Series.Id}");
        Welcome = Invitation.Fill(content.Series.WelcomeTemplate.In(Texts.CurrentLanguage), values with { Link = seriesUrl });
        return null;
    }

    private void FillInput() => Input = new InputModel
    {
        Subject = Series.InvitationSubject, Template = Series.InvitationTemplate, Link = Series.Link, Version = Series.Version,
    };
}
