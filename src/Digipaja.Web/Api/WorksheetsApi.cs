using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Features.Workshops;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Digipaja.Web.Accounts;

namespace Digipaja.Web.Api;

public sealed record CellDto(string Key, string Kind, string Title, string Hint, string Example);
public sealed record SectionDto(string Key, string Title, string Guidance, string Example, int IdeationMinutes, bool Optional, List<CellDto> Cells);
public sealed record TemplateDto(Guid Id, string Key, int Version, string Name);
public sealed record WorksheetDto(Guid Id, int Version, Guid SeriesId, string Title, string? FunctionalityKey, TemplateDto Template,
    IdeationDto? Ideation, TimerDto Timer, List<SectionDto> Sections, List<RowDto> Rows, List<ItemDto> Notes, List<ItemDto> Items);
public sealed record WorksheetListItemDto(Guid Id, Guid SeriesId, string Title, string TemplateKey, string? FunctionalityKey, int Version);
public sealed record NoteUpdateRequest(string? Text, int? Version, string? Owner, string? DueDate, string? StartDate, string? EndDate,
    string? Colour, string? Tag, string? Group, string? CellKey, Guid? RowId, string? Kind = null, bool? GoLive = null);
/// <summary>A recorded change: its raw values before and after, and Sentence, the change told in the caller's language.</summary>
public sealed record HistoryEntryDto(long Id, DateTime At, string User, string EntityType, Guid EntityId, string Action, string? Before, string? After,
    string Sentence);

public static class WorksheetsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/worksheets", List).WithSummary("Worksheets of the caller's series, optionally of one service line");
        api.MapGet("/worksheets/{id:guid}", Get).WithSummary("A worksheet with its template's sections and cells, its rows and items")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/worksheets/{id:guid}/notes", AddNote).WithSummary("Write a note (or task, metric, phase) into a cell")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).WithMetadata(new BodyLimitAttribute(BodyLimits.Notes));
        api.MapPut("/notes/{id:guid}", UpdateNote).WithSummary("Change a note; refused with 409 when the version is stale")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).WithMetadata(new BodyLimitAttribute(BodyLimits.Notes));
        api.MapDelete("/notes/{id:guid}", (Guid id, HttpContext http, WorksheetEditor editor, CancellationToken ct) => SetDeleted(id, true, http, editor, ct))
            .WithSummary("Delete a note (it can be restored)");
        api.MapPost("/notes/{id:guid}/restore", (Guid id, HttpContext http, WorksheetEditor editor, CancellationToken ct) => SetDeleted(id, false, http, editor, ct))
            .WithSummary("Restore a deleted note");
        api.MapGet("/worksheets/{id:guid}/history", History).WithSummary("Every recorded change of the worksheet, newest first");
    }

    private static async Task<Ok<List<WorksheetListItemDto>>> List(Guid? serviceLineId, Access access, DigipajaDb db, CancellationToken ct)
    {
        var series = access.VisibleSeries();
        if (serviceLineId is { } line) series = series.Where(s => s.ServiceLines.Any(l => l.ServiceLineId == line));
        var ids = series.Select(s => s.Id);
        var sheets = await db.Worksheets.Where(w => ids.Contains(w.SeriesId)).OrderBy(w => w.CreatedAt)
            .Select(w => new WorksheetListItemDto(w.Id, w.SeriesId, w.Title, w.Template!.Key,
                db.Functionalities.Where(f => f.Id == w.FunctionalityId).Select(f => f.Key).FirstOrDefault(), w.Version))
            .ToListAsync(ct);
        return TypedResults.Ok(sheets);
    }

    private static async Task<Results<Ok<WorksheetDto>, NotFound, ProblemHttpResult>> Get(
        Guid id, HttpContext http, WorksheetEditor editor, DigipajaDb db, CancellationToken ct)
    {
        if (await editor.LoadAsync(id, ct) is not { } context) return TypedResults.NotFound();
        if (context.Permission == SeriesPermission.None) return Forbidden(http);
        var (rows, items) = await editor.ContentAsync(id, ct: ct);
        var language = Texts.CurrentLanguage;
        var sheet = context.Sheet;
        var functionalityKey = await db.Functionalities.Where(f => f.Id == sheet.FunctionalityId).Select(f => f.Key).FirstOrDefaultAsync(ct);
        var itemDtos = items.Select(ToDto).ToList();
        return TypedResults.Ok(new WorksheetDto(sheet.Id, sheet.Version, sheet.SeriesId, sheet.Title, functionalityKey,
            new TemplateDto(sheet.TemplateId, context.TemplateKey, context.TemplateVersion, context.Template.Name.In(language)),
            sheet.IdeationSectionKey is { } s ? new IdeationDto(s, sheet.IdeationEndsAt, null) : null,
            new TimerDto(sheet.TimerEndsAt, sheet.TimerPausedSeconds),
            context.Template.Sections.Select(section => new SectionDto(section.Key, section.Title.In(language), section.Guidance.In(language),
                section.Example.In(language), section.IdeationMinutes, section.Optional,
                section.Cells.Select(c => new CellDto(c.Key, KindName(c.Kind), c.Title.In(language), c.Hint.In(language), c.Example.In(language))).ToList())).ToList(),
            rows.Select(RowDto.From).ToList(),
            itemDtos.Where(i => i.Kind == "note").ToList(),
            itemDtos));
    }

    private static async Task<Results<Created<ItemDto>, NotFound, ProblemHttpResult, ValidationProblem>> AddNote(
        Guid id, ItemInput request, HttpContext http, WorksheetEditor editor, CancellationToken ct)
    {
        var result = await editor.AddItemAsync(id, request, ct);
        return result.Status switch
        {
            EditStatus.Ok => TypedResults.Created($"/api/v1/notes/{result.Value!.Id}", ToDto(result.Value)),
            EditStatus.NotFound => TypedResults.NotFound(),
            EditStatus.Forbidden => Forbidden(http),
            _ => ApiText.Invalid(http, result.Errors!),
        };
    }

    private static async Task<Results<Ok<ItemDto>, NotFound, ProblemHttpResult, ValidationProblem>> UpdateNote(
        Guid id, NoteUpdateRequest request, HttpContext http, WorksheetEditor editor, CancellationToken ct)
    {
        var input = new ItemInput
        {
            Text = request.Text, Owner = request.Owner, DueDate = request.DueDate, StartDate = request.StartDate, EndDate = request.EndDate,
            Colour = request.Colour, Tag = request.Tag, Group = request.Group, CellKey = request.CellKey, RowId = request.RowId,
            Kind = request.Kind, GoLive = request.GoLive,
        };
        var result = await editor.UpdateItemAsync(id, request.Version, input, ct);
        return result.Status switch
        {
            EditStatus.Ok => TypedResults.Ok(ToDto(result.Value!)),
            EditStatus.NotFound => TypedResults.NotFound(),
            EditStatus.Forbidden => Forbidden(http),
            // ProblemDetails like every other error, the newer item in its "current" member.
            EditStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ApiText.Get(http, "worksheet.conflict"),
                extensions: new Dictionary<string, object?> { ["current"] = ToDto(result.Current!) }),
            _ => ApiText.Invalid(http, result.Errors!),
        };
    }

    private static async Task<Results<Ok<ItemDto>, NotFound, ProblemHttpResult>> SetDeleted(
        Guid id, bool deleted, HttpContext http, WorksheetEditor editor, CancellationToken ct)
    {
        var result = await editor.SetDeletedAsync(id, deleted, null, ct);
        return result.Status switch
        {
            EditStatus.Ok => TypedResults.Ok(ToDto(result.Value!)),
            EditStatus.Forbidden => Forbidden(http),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Ok<List<HistoryEntryDto>>, NotFound, ProblemHttpResult>> History(
        Guid id, HttpContext http, WorksheetEditor editor, WorksheetHistory history, Texts texts, CancellationToken ct)
    {
        if (await editor.LoadAsync(id, ct) is not { } context) return TypedResults.NotFound();
        if (context.Permission == SeriesPermission.None) return Forbidden(http);
        var entries = await history.EntriesAsync(id, ct);
        var (rows, items) = await editor.ContentAsync(id, includeDeleted: true, ct);
        var sentences = new HistoryInWords(context.Template, rows, items, texts).Tell(entries);
        return TypedResults.Ok(entries.Zip(sentences, (e, line) =>
            new HistoryEntryDto(e.Id, e.At, e.UserName, e.EntityType, e.EntityId, e.Action, e.Before, e.After, line.Sentence)).ToList());
    }

    private static ProblemHttpResult Forbidden(HttpContext http) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ApiText.Get(http, "api.forbidden"));

    internal static string KindName(CellKind kind) => kind switch
    {
        CellKind.RowNotes => "row-notes",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static ItemDto ToDto(WorksheetItem i) => ItemDto.From(i);
}
