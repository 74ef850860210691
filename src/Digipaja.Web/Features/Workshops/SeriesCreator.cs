using Digipaja.Core.Catalogue;
using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Workshops;

/// <summary>
/// Creates a workshop series from the toolkit's defaults: the four workshops with agendas and goals, the
/// pre-tasks, one worksheet per chosen functionality (five service rows each) and the change worksheet.
/// </summary>
public sealed class SeriesCreator(DigipajaDb db, BuiltInContent content, TemplateLibrary templates, Caller caller, Texts T)
{
    public sealed record Request(IReadOnlyList<Guid> ServiceLineIds, IReadOnlyList<string> FunctionalityKeys, string? Name);

    public async Task<(WorkshopSeries? Series, List<FieldError> Errors)> CreateAsync(Request request, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var lineIds = request.ServiceLineIds.Distinct().ToList();
        var lines = await db.ServiceLines.Where(l => lineIds.Contains(l.Id)).OrderBy(l => l.Code).ToListAsync(ct);
        // An id of another county's line is indistinguishable from a missing one.
        if (lineIds.Count == 0 || lines.Count != lineIds.Count) errors.Add(new FieldError("serviceLineIds", "series.choose_lines"));

        var keys = request.FunctionalityKeys.Select(k => k.Trim()).Distinct().ToList();
        var functionalities = await db.Functionalities.Where(f => keys.Contains(f.Key)).ToListAsync(ct);
        if (keys.Count == 0 || functionalities.Count != keys.Count) errors.Add(new FieldError("functionalityKeys", "series.choose_functionalities"));
        if (request.Name is not null && TextRules.CheckOptionalName("name", request.Name, TextRules.NameMaxLength) is { } nameError)
            errors.Add(nameError);

        var functionalityTemplate = await templates.ActiveAsync(TemplateDefinition.Functionality, ct);
        var changeTemplate = await templates.ActiveAsync(TemplateDefinition.Change, ct);
        if (functionalityTemplate is null || changeTemplate is null) errors.Add(new FieldError("", "series.no_templates"));
        if (errors.Count > 0) return (null, errors);

        var language = Texts.CurrentLanguage;
        var defaults = content.Series;
        var lineCodes = string.Join(", ", lines.Select(l => l.Code));
        var series = new WorkshopSeries
        {
            Name = string.IsNullOrWhiteSpace(request.Name) ? T["series.default_name", lineCodes] : request.Name.Trim(),
            InvitationSubject = defaults.InvitationSubject.In(language),
            InvitationTemplate = defaults.InvitationTemplate.In(language),
            CreatedById = caller.UserId,
        };
        series.ServiceLines.AddRange(lines.Select(l => new SeriesServiceLine { SeriesId = series.Id, ServiceLineId = l.Id }));
        if (caller.UserId is { } creator)
            series.Members.Add(new SeriesMember { SeriesId = series.Id, UserId = creator, Role = SeriesRole.Facilitator });
        foreach (var w in defaults.Workshops.OrderBy(w => w.Number))
        {
            var workshop = new Workshop
            {
                SeriesId = series.Id, Number = w.Number, Title = w.Title.In(language), Topic = w.Topic.In(language),
                Goal = w.Goal.In(language), DurationMinutes = w.DurationMinutes, Covers = w.Worksheets,
            };
            workshop.Agenda.AddRange(w.Agenda.Select((a, i) => new AgendaItem
            {
                WorkshopId = workshop.Id, SeriesId = series.Id, Position = i, Title = a.Title.In(language), Minutes = a.Minutes,
            }));
            series.Workshops.Add(workshop);
        }
        series.PreTasks.AddRange(defaults.PreTasks.Select((p, i) => new PreTask
        {
            SeriesId = series.Id, Position = i, Title = p.Title.In(language), Description = p.Description.In(language),
        }));
        db.WorkshopSeries.Add(series);

        foreach (var functionality in functionalities.OrderBy(f => f.Wave).ThenBy(f => f.Name))
            db.Worksheets.Add(NewWorksheet(series, functionalityTemplate!, functionality.Name, functionality));
        db.Worksheets.Add(NewWorksheet(series, changeTemplate!, changeTemplate!.Parse().Name.In(language), null));

        await db.SaveChangesAsync(ct);
        return (series, errors);
    }

    private static Worksheet NewWorksheet(WorkshopSeries series, WorksheetTemplate template, string title, Functionality? functionality)
    {
        var sheet = new Worksheet { SeriesId = series.Id, TemplateId = template.Id, Title = title, FunctionalityId = functionality?.Id };
        if (template.Parse().Cells.Any(c => c.NeedsRow))
            sheet.Rows.AddRange(Enumerable.Range(0, Worksheet.DefaultRows).Select(i => new WorksheetRow { WorksheetId = sheet.Id, Position = i }));
        return sheet;
    }
}
