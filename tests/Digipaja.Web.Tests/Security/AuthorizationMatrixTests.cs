using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Digipaja.Web.Accounts;
using Digipaja.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Digipaja.Web.Tests.Security;

/// <summary>
/// The authorization and county-isolation matrix. Its rows are the app's own endpoints and page handlers
/// (<see cref="AppEndpoints"/>), so a new endpoint or handler fails here until it has a row in <see cref="Expected"/> and
/// a value for each of its parameters in <see cref="RouteValues"/> and <see cref="HandlerValues"/>. Its columns are the
/// callers: another county's administrator, an anonymous visitor and the four roles of the west county (the participant
/// is not a member of the sample series). Each cell is one request; see docs/security.md.
/// </summary>
public abstract partial class AuthorizationMatrixTests(DigipajaApp app, ITestOutputHelper output)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app, ITestOutputHelper output) : AuthorizationMatrixTests(app, output);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app, ITestOutputHelper output) : AuthorizationMatrixTests(app, output);

    [Flags]
    public enum Who
    {
        None = 0,
        Administrator = 1,
        Facilitator = 2,
        Participant = 4,
        Viewer = 8,
        /// <summary>Open to anyone, signed in or not (sign-in, status pages, language, health, OpenAPI, tokens).</summary>
        Anonymous = 16,
    }

    private const Who A = Who.Administrator, F = Who.Facilitator, P = Who.Participant, V = Who.Viewer;
    private const Who AF = A | F, AFP = A | F | P, All = A | F | P | V, Public = All | Who.Anonymous;

    /// <summary>
    /// Who gets through, per endpoint. <paramref name="Allowed"/> follows the role table of DOMAIN.md ("Who may do what");
    /// <paramref name="Listed"/> marks lists the other west roles may open but where the sample series must not appear;
    /// <paramref name="SharedAcrossCounties"/> marks the lists of versions other counties share, which name their county.
    /// </summary>
    public sealed record Rule(Who Allowed, Who Listed = Who.None, bool SharedAcrossCounties = false, string? Note = null);

    /// <summary>One row per endpoint of the app. An endpoint without a row, or a row without an endpoint, fails the build.</summary>
    public static readonly IReadOnlyDictionary<string, Rule> Expected = new Dictionary<string, Rule>
    {
        // Open to everyone.
        ["GET /Account/SignIn"] = new(Public),
        ["POST /Account/SignIn"] = new(Public),
        ["GET /Status/{code:int?}"] = new(Public),
        ["POST /Status/{code:int?}"] = new(Public),
        ["GET /Language"] = new(Public),
        ["POST /Language"] = new(Public),
        ["GET /health"] = new(Public),
        ["GET /openapi/{documentName}.json"] = new(Public),
        ["POST /api/v1/tokens"] = new(Public),

        // Every signed-in user of the county.
        ["GET /"] = new(All, Listed: P | V),
        ["GET /Account/SignOut"] = new(All),
        ["POST /Account/SignOut"] = new(All),
        // The county's structure and catalogues are read through the API by everyone who reads its plans or writes its
        // worksheets (a worksheet's metric is picked from the library); editing them is the administrator's (/Admin).
        ["GET /api/v1/organisation"] = new(All),
        ["GET /api/v1/service-areas/{id:guid}"] = new(All),
        ["GET /api/v1/service-lines/{id:guid}"] = new(All),
        ["GET /api/v1/functionalities"] = new(All),
        ["GET /api/v1/metrics"] = new(All),

        // Organisation, users, catalogues, templates: the administrator's pages. (DOMAIN.md lets facilitators read them;
        // the folder is administrators' only, which refuses more, never less.)
        ["GET /Admin"] = new(A),
        ["GET /Admin/History"] = new(A),
        ["GET /Admin/Functionalities"] = new(A),
        ["POST /Admin/Functionalities"] = new(A),
        ["GET /Admin/Functionalities/Edit/{id:guid}"] = new(A),
        ["POST /Admin/Functionalities/Edit/{id:guid}"] = new(A),
        ["GET /Admin/Metrics"] = new(A),
        ["POST /Admin/Metrics"] = new(A),
        ["GET /Admin/Metrics/Edit/{id:guid}"] = new(A),
        ["POST /Admin/Metrics/Edit/{id:guid}"] = new(A),
        ["GET /Admin/ServiceAreas"] = new(A),
        ["POST /Admin/ServiceAreas"] = new(A),
        ["GET /Admin/ServiceAreas/Edit/{id:guid}"] = new(A),
        ["POST /Admin/ServiceAreas/Edit/{id:guid}"] = new(A),
        ["POST /Admin/ServiceAreas/Edit/{id:guid}?handler=Delete"] = new(A),
        ["GET /Admin/ServiceLines"] = new(A),
        ["POST /Admin/ServiceLines"] = new(A),
        ["GET /Admin/ServiceLines/Edit/{id:guid}"] = new(A),
        ["POST /Admin/ServiceLines/Edit/{id:guid}"] = new(A),
        ["POST /Admin/ServiceLines/Edit/{id:guid}?handler=Delete"] = new(A),
        ["GET /Admin/Templates"] = new(A),
        ["POST /Admin/Templates?handler=Activate"] = new(A),
        ["POST /Admin/Templates?handler=Copy"] = new(A),
        ["GET /Admin/Templates/Edit/{id:guid}"] = new(A),
        ["POST /Admin/Templates/Edit/{id:guid}?handler=AddCell"] = new(A),
        ["POST /Admin/Templates/Edit/{id:guid}?handler=AddSection"] = new(A),
        ["POST /Admin/Templates/Edit/{id:guid}?handler=Cell"] = new(A),
        ["POST /Admin/Templates/Edit/{id:guid}?handler=Name"] = new(A),
        ["POST /Admin/Templates/Edit/{id:guid}?handler=RemoveCell"] = new(A),
        ["POST /Admin/Templates/Edit/{id:guid}?handler=RemoveSection"] = new(A),
        ["POST /Admin/Templates/Edit/{id:guid}?handler=Section"] = new(A),
        ["GET /Admin/Users"] = new(A),
        ["POST /Admin/Users"] = new(A),
        ["GET /Admin/Users/Edit/{id:guid}"] = new(A),
        ["POST /Admin/Users/Edit/{id:guid}"] = new(A),

        // Workshop series and their worksheets: administrators and facilitators all, participants the series they are
        // members of (the matrix's participant is not a member of the sample series), viewers none.
        ["GET /Workshops"] = new(AF | P, Listed: P),
        ["GET /Workshops/New"] = new(AF),
        ["POST /Workshops/New"] = new(AF),
        ["POST /api/v1/workshop-series"] = new(AF),
        ["GET /api/v1/workshop-series/{id:guid}"] = new(AF),
        ["GET /Workshops/Series/{id:guid}"] = new(AF),
        ["POST /Workshops/Series/{id:guid}?handler=AddTask"] = new(AF),
        ["POST /Workshops/Series/{id:guid}?handler=Assign"] = new(AF),
        ["POST /Workshops/Series/{id:guid}?handler=Done"] = new(AF, Note: "a member marks their own pre-task done; the sample assignment does not exist"),
        ["POST /Workshops/Series/{id:guid}?handler=Invite"] = new(AF),
        ["POST /Workshops/Series/{id:guid}?handler=RemoveMember"] = new(AF),
        ["POST /Workshops/Series/{id:guid}?handler=RemoveTask"] = new(AF),
        ["GET /Workshops/Workshop/{id:guid}"] = new(AF),
        ["POST /Workshops/Workshop/{id:guid}"] = new(AF),
        ["POST /Workshops/Workshop/{id:guid}?handler=AddItem"] = new(AF),
        ["POST /Workshops/Workshop/{id:guid}?handler=Item"] = new(AF),
        ["POST /Workshops/Workshop/{id:guid}?handler=Move"] = new(AF),
        ["POST /Workshops/Workshop/{id:guid}?handler=RemoveItem"] = new(AF),
        ["GET /Workshops/Invitation/{workshopId:guid}"] = new(AF),
        ["GET /Workshops/Invitation/{workshopId:guid}?handler=Calendar"] = new(AF),
        ["POST /Workshops/Invitation/{workshopId:guid}"] = new(AF),
        ["GET /Worksheets/{id:guid}"] = new(AF),
        ["GET /Worksheets/{id:guid}?handler=Cell"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=Add"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=AddRow"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=Bulk"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=CloseVote"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=Delete"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=Follow"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=OpenVote"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=Presence"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=RemoveRow"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=Restore"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=Reveal"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=StartIdeation"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=Timer"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=Update"] = new(AF),
        ["POST /Worksheets/{id:guid}?handler=Vote"] = new(AF),
        ["GET /Worksheets/{id:guid}/History"] = new(AF),
        ["POST /Worksheets/{id:guid}/History?handler=Restore"] = new(AF),
        ["POST /Worksheets/{id:guid}/History?handler=RestoreRow"] = new(AF),
        ["GET /Worksheets/{id:guid}/events"] = new(AF),
        ["GET /api/v1/worksheets"] = new(All, Listed: P | V),
        ["GET /api/v1/worksheets/{id:guid}"] = new(AF),
        ["GET /api/v1/worksheets/{id:guid}/history"] = new(AF),
        ["GET /api/v1/worksheets/{id:guid}/events"] = new(AF),
        ["POST /api/v1/worksheets/{id:guid}/notes"] = new(AF),
        ["POST /api/v1/worksheets/{id:guid}/presence"] = new(AF),
        ["PUT /api/v1/notes/{id:guid}"] = new(AF),
        ["DELETE /api/v1/notes/{id:guid}"] = new(AF),
        ["POST /api/v1/notes/{id:guid}/restore"] = new(AF),

        // Current plans (line, area, county), roadmap: read by administrators, facilitators and participants.
        ["GET /Plans"] = new(AFP),
        ["GET /Plans/Areas/{id:guid}"] = new(AFP),
        ["GET /Plans/Lines/{id:guid}"] = new(AFP),
        ["GET /Plans/Roadmap"] = new(AFP),
        ["GET /Plans/Export/county.docx"] = new(AFP),
        ["GET /Plans/Export/county.xlsx"] = new(AFP),
        ["GET /Plans/Export/county.pdf"] = new(AFP),
        ["GET /Plans/Export/areas/{id:guid}.docx"] = new(AFP),
        ["GET /Plans/Export/areas/{id:guid}.xlsx"] = new(AFP),
        ["GET /Plans/Export/areas/{id:guid}.pdf"] = new(AFP),
        ["GET /Plans/Export/lines/{id:guid}.docx"] = new(AFP),
        ["GET /Plans/Export/lines/{id:guid}.xlsx"] = new(AFP),
        ["GET /Plans/Export/lines/{id:guid}.pdf"] = new(AFP),
        ["GET /api/v1/plans/county"] = new(AFP),
        ["GET /api/v1/plans/county.docx"] = new(AFP),
        ["GET /api/v1/plans/county.xlsx"] = new(AFP),
        ["GET /api/v1/service-areas/{id:guid}/plan"] = new(AFP),
        ["GET /api/v1/service-areas/{id:guid}/plan.docx"] = new(AFP),
        ["GET /api/v1/service-areas/{id:guid}/plan.xlsx"] = new(AFP),
        ["GET /api/v1/service-lines/{id:guid}/plan"] = new(AFP),
        ["GET /api/v1/service-lines/{id:guid}/plan.docx"] = new(AFP),
        ["GET /api/v1/service-lines/{id:guid}/plan.xlsx"] = new(AFP),

        // Publish, share and copy: administrators and facilitators. Read versions: everyone of the county.
        ["GET /Plans/Publish"] = new(AF),
        ["POST /Plans/Publish"] = new(AF),
        ["POST /api/v1/plans/county/versions"] = new(AF),
        ["POST /api/v1/service-areas/{id:guid}/plan/versions"] = new(AF),
        ["POST /api/v1/service-lines/{id:guid}/plan/versions"] = new(AF),
        ["POST /Plans/Versions/{id:guid}?handler=Share"] = new(AF),
        ["PUT /api/v1/plan-versions/{id:guid}/sharing"] = new(AF),
        ["GET /Plans/Versions/Copy/{id:guid}"] = new(AF),
        ["POST /Plans/Versions/Copy/{id:guid}"] = new(AF),
        ["POST /api/v1/plan-versions/{id:guid}/copy"] = new(AF),
        ["GET /Plans/Versions"] = new(All),
        ["GET /Plans/Versions/{id:guid}"] = new(All),
        ["GET /Plans/Versions/Compare"] = new(All),
        ["GET /Plans/Versions/Shared"] = new(All, SharedAcrossCounties: true),
        ["GET /Plans/Export/versions/{id:guid}.docx"] = new(All),
        ["GET /Plans/Export/versions/{id:guid}.xlsx"] = new(All),
        ["GET /Plans/Export/versions/{id:guid}.pdf"] = new(All),
        // Where the caller's own PDFs are in the print queue: anyone signed in, about nobody else's.
        ["GET /Plans/Export/queue"] = new(All, Note: "the caller's own PDFs only"),
        ["GET /api/v1/plan-versions"] = new(All),
        ["GET /api/v1/plan-versions/{id:guid}"] = new(All),
        ["GET /api/v1/plan-versions/{id:guid}.docx"] = new(All),
        ["GET /api/v1/plan-versions/{id:guid}.xlsx"] = new(All),
        ["GET /api/v1/plan-versions/{from:guid}/compare/{to:guid}"] = new(All),
        ["GET /api/v1/shared-plans"] = new(All, SharedAcrossCounties: true),
    };

    [Fact]
    public async Task Every_endpoint_and_page_handler_of_the_app_has_a_row_in_the_expectation_table()
    {
        var keys = (await AppEndpoints.ListAsync(app.Services)).Select(e => e.Key).ToHashSet();
        var missing = keys.Where(k => !Expected.ContainsKey(k)).Order().ToList();
        var stale = Expected.Keys.Where(k => !keys.Contains(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Endpoints without a row in AuthorizationMatrixTests.Expected:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Rows for endpoints the app no longer has:\n" + string.Join("\n", stale));
    }
}
