using Digipaja.Core.Plans;
using Digipaja.Web.Api;
using Digipaja.Web.Features.Plans.Exports;
using Digipaja.Web.Features.Plans.Versions;
using Digipaja.Web.Localization;
using Digipaja.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Plans;

/// <summary>
/// The plan pages' download links for a signed-in user: the current plan (with the page's filter) or a published
/// version as DOCX, XLSX or PDF. The API offers the same files to bearer tokens under /api/v1.
/// </summary>
public static class PlanDownloads
{
    public static void Map(WebApplication app)
    {
        var downloads = app.MapGroup("/Plans/Export").RequireAuthorization().ExcludeFromDescription();
        foreach (var extension in new[] { "docx", "xlsx", "pdf" })
        {
            downloads.MapGet($"/county.{extension}", (HttpContext http, CancellationToken ct) => Current(PlanLevel.County, null, extension, http, ct));
            downloads.MapGet($"/areas/{{id:guid}}.{extension}", (Guid id, HttpContext http, CancellationToken ct) => Current(PlanLevel.ServiceArea, id, extension, http, ct));
            downloads.MapGet($"/lines/{{id:guid}}.{extension}", (Guid id, HttpContext http, CancellationToken ct) => Current(PlanLevel.ServiceLine, id, extension, http, ct));
            downloads.MapGet($"/versions/{{id:guid}}.{extension}", (Guid id, HttpContext http, CancellationToken ct) => Version(id, extension, http, ct));
        }
        downloads.MapGet("/queue", QueueStatus);
    }

    /// <summary>
    /// The current plan for the caller with the request's filter applied, or the status to answer with instead;
    /// <paramref name="forbidden"/> is how the caller's surface refuses (a page redirects, the API answers 403).
    /// </summary>
    public static async Task<(Plan? Plan, IResult? Refusal)> LoadAsync(PlanLevel level, Guid? id, HttpContext http, IResult forbidden, CancellationToken ct)
    {
        var access = http.RequestServices.GetRequiredService<Access>();
        if (!access.CanReadPlans) return (null, forbidden);
        if (await http.RequestServices.GetRequiredService<PlanLoader>().LoadAsync(level, id, ct) is not { } plan) return (null, Results.NotFound());
        if (PlansApi.ReadFilter(http.Request.Query) is not { } filter)
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: ApiText.Get(http, "api.plan_filter_invalid")));
        return (filter.Apply(plan), null);
    }

    /// <summary>Whether the caller may read this plan and it is there: a cheap check, without assembling the plan.</summary>
    public static async Task<IResult?> MayReadAsync(PlanLevel level, Guid? id, HttpContext http, IResult forbidden, CancellationToken ct)
    {
        if (!http.RequestServices.GetRequiredService<Access>().CanReadPlans) return forbidden;
        var db = http.RequestServices.GetRequiredService<Data.DigipajaDb>();
        var exists = level switch
        {
            PlanLevel.ServiceArea => await db.ServiceAreas.AnyAsync(a => a.Id == id, ct),
            PlanLevel.ServiceLine => await db.ServiceLines.AnyAsync(l => l.Id == id, ct),
            _ => true,
        };
        return exists ? null : Results.NotFound();
    }

    private static async Task<IResult> Current(PlanLevel level, Guid? id, string extension, HttpContext http, CancellationToken ct)
    {
        if (extension == "pdf")
            return await PdfAsync(http, token => MayReadAsync(level, id, http, Results.Forbid(), token), token => LoadAsync(level, id, http, Results.Forbid(), token), ct);
        return await FileAsync(http, Format(extension), token => MayReadAsync(level, id, http, Results.Forbid(), token),
            token => LoadAsync(level, id, http, Results.Forbid(), token), ct);
    }

    /// <summary>A published version as stored: its own county reads it, other counties only while it is shared.</summary>
    private static async Task<IResult> Version(Guid id, string extension, HttpContext http, CancellationToken ct)
    {
        var versions = http.RequestServices.GetRequiredService<PlanVersions>();
        // Whether the caller may read it, without reading its snapshot: that is read once, when the turn comes.
        Func<CancellationToken, Task<IResult?>> mayRead = async token => await versions.InfoAsync(id, token) is null ? Results.NotFound() : null;
        Func<CancellationToken, Task<(Plan?, IResult?)>> load =
            async token => await versions.PlanAsync(id, token) is { } found ? (found, null) : (null, Results.NotFound());
        return extension == "pdf" ? await PdfAsync(http, mayRead, load, ct) : await FileAsync(http, Format(extension), mayRead, load, ct);
    }

    private static PlanExportFormat Format(string extension) => extension == "docx" ? PlanExportFormat.Docx : PlanExportFormat.Xlsx;

    /// <summary>
    /// Writes the plan as DOCX or XLSX in the page's language when its turn in the files' queue comes: one file of a
    /// user at a time, so a burst of downloads takes turns with everyone else's pages instead of every core at once.
    /// The API's downloads take the same turns.
    /// </summary>
    public static async Task<IResult> FileAsync(HttpContext http, PlanExportFormat format, Func<CancellationToken, Task<IResult?>> mayRead,
        Func<CancellationToken, Task<(Plan? Plan, IResult? Refusal)>> load, CancellationToken ct)
    {
        if (await mayRead(ct) is { } refused) return refused;
        var queue = http.RequestServices.GetRequiredKeyedService<PrintQueue>(PrintQueue.Files);
        return await InTurnAsync(http, queue, "plan.export.files_queue_full", async token =>
        {
            var (plan, refusal) = await load(token);
            if (refusal is not null) return refusal;
            var exports = http.RequestServices.GetRequiredService<PlanExports>();
            return PlanExports.Download(http.Response, exports.Create(plan!, format, Texts.CurrentLanguage));
        }, ct);
    }

    /// <summary>
    /// Prints the plan to PDF when its turn in the print queue comes: the plan is read and its page rendered only
    /// then, so a request waiting in the queue costs no memory for the plan.
    /// </summary>
    private static async Task<IResult> PdfAsync(HttpContext http, Func<CancellationToken, Task<IResult?>> mayRead,
        Func<CancellationToken, Task<(Plan? Plan, IResult? Refusal)>> load, CancellationToken ct)
    {
        // Who may read what is decided before anything else, so that another county's id is a 404 whatever the printer's state.
        if (await mayRead(ct) is { } refused) return refused;
        var texts = http.RequestServices.GetRequiredService<Texts>();
        var pdf = http.RequestServices.GetRequiredService<PlanPdf>();
        if (!pdf.IsAvailable)
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: texts["plan.export.pdf_unavailable"]);
        return await InTurnAsync(http, http.RequestServices.GetRequiredService<PrintQueue>(), "plan.export.pdf_queue_full", async token =>
        {
            var (plan, refusal) = await load(token);
            if (refusal is not null) return refusal;
            if (await pdf.PrintAsync(http, plan!, TitleOf(plan!, texts), token) is not { } bytes)
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: texts["plan.export.pdf_unavailable"]);
            var exports = http.RequestServices.GetRequiredService<PlanExports>();
            return PlanExports.Download(http.Response, new PlanFile(bytes, "application/pdf", exports.FileName(plan!, "pdf", Texts.CurrentLanguage)));
        }, ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> when the caller's turn in <paramref name="queue"/> comes. A user with as many
    /// exports running and waiting as allowed gets 429 with a Retry-After and their places; one who leaves (closes
    /// the tab) gives the place back.
    /// </summary>
    private static async Task<IResult> InTurnAsync(HttpContext http, PrintQueue queue, string fullKey,
        Func<CancellationToken, Task<IResult>> work, CancellationToken ct)
    {
        var user = QueueKey(http);
        using var turn = queue.TryJoin(user);
        if (turn is null)
        {
            Observability.AppMetrics.PrintsRefused.Add(1, new KeyValuePair<string, object?>("digipaja.queue", queue.Kind));
            var places = queue.PlacesOf(user);
            http.Response.Headers.RetryAfter = ((int)queue.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                title: http.RequestServices.GetRequiredService<Texts>()[fullKey, places.Count],
                extensions: new Dictionary<string, object?> { ["places"] = places });
        }
        await turn.WaitAsync(ct);
        return await work(ct);
    }

    /// <summary>
    /// The caller's PDFs in the print queue: 0 for one printing, N for one that is number N in the queue, and a
    /// sentence saying so, which the plan page shows while a download waits.
    /// </summary>
    private static IResult QueueStatus(HttpContext http)
    {
        var texts = http.RequestServices.GetRequiredService<Texts>();
        var places = http.RequestServices.GetRequiredService<PrintQueue>().PlacesOf(QueueKey(http));
        var waiting = places.Where(p => p > 0).ToList();
        var message = waiting.Count > 0 ? texts["plan.export.pdf_queue_place", waiting.Min()]
            : places.Count > 0 ? texts["plan.export.pdf_printing"] : null;
        return Results.Json(new { places, message });
    }

    private static string QueueKey(HttpContext http) =>
        http.RequestServices.GetRequiredService<Accounts.Caller>().UserId?.ToString() ?? "";

    public static string TitleOf(Plan plan, Texts texts) => plan.Scope.Level switch
    {
        PlanLevel.County => texts["plan.county.title", plan.Scope.Name],
        PlanLevel.ServiceArea => texts["plan.area.title", plan.Scope.Name],
        _ => texts["plan.line.title", plan.Scope.Code, plan.Scope.Name],
    };
}
