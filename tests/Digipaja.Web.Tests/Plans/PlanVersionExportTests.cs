using System.Net;
using System.Net.Http.Json;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Plans;

/// <summary>A published version downloads as the plan was when it was published, for its own county and, once shared, for others.</summary>
public abstract class PlanVersionExportTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : PlanVersionExportTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : PlanVersionExportTests(app);

    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static string DocumentText(byte[] docx)
    {
        using var doc = ExportFiles.OpenDocx(docx);
        Assert.Empty(ExportFiles.Errors(doc));
        return ExportFiles.Body(doc).InnerText;
    }

    [Fact]
    public async Task A_version_downloads_with_the_text_it_was_published_with_after_the_note_is_edited()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");
        var id = await PlanVersionSteps.PublishThenEditGoal(api, line, $"Syksy {line.Marker}", $"Uusi tavoite {line.Marker}");

        var docx = await api.GetAsync($"/api/v1/plan-versions/{id}.docx");
        var xlsx = await api.GetAsync($"/api/v1/plan-versions/{id}.xlsx");
        var page = await (await app.SignedIn(DigipajaApp.WestFacilitator)).GetAsync($"/Plans/Export/versions/{id}.docx");

        Assert.Equal(DocxType, docx.Content.Headers.ContentType?.MediaType);
        var text = DocumentText(await docx.Content.ReadAsByteArrayAsync());
        Assert.Contains(line.Goal, text);
        Assert.DoesNotContain($"Uusi tavoite {line.Marker}", text);
        Assert.Equal(XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
        using var book = ExportFiles.OpenXlsx(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Empty(ExportFiles.Errors(book));
        Assert.Contains(line.Goal, DocumentText(await page.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Another_county_downloads_a_version_only_while_it_is_shared_and_sees_no_links_to_our_worksheets()
    {
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, facilitator, "NAO");
        var id = await PlanVersionSteps.Publish(facilitator, $"/api/v1/service-lines/{line.LineId}/plan/versions", $"Jaettava {line.Marker}");
        var otherApi = await app.Api(DigipajaApp.SecondAdmin);
        var otherBrowser = await app.SignedIn(DigipajaApp.SecondAdmin);

        Assert.Equal(HttpStatusCode.NotFound, (await otherApi.GetAsync($"/api/v1/plan-versions/{id}.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync($"/Plans/Export/versions/{id}.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await facilitator.PutAsJsonAsync($"/api/v1/plan-versions/{id}/sharing", new { shared = true })).StatusCode);

        Assert.Contains(line.Service, DocumentText(await (await otherApi.GetAsync($"/api/v1/plan-versions/{id}.docx")).Content.ReadAsByteArrayAsync()));
        var shown = await otherBrowser.GetHtml($"/Plans/Versions/{id}");
        Assert.Contains(line.UseCase, shown.QuerySelector("section[aria-labelledby='plan-use-cases']")!.TextContent);
        Assert.Empty(shown.QuerySelectorAll("a.source"));
        Assert.NotEmpty(shown.QuerySelectorAll("span.source"));
        var own = await (await app.SignedIn(DigipajaApp.WestFacilitator)).GetHtml($"/Plans/Versions/{id}");
        Assert.NotEmpty(own.QuerySelectorAll("a.source"));
    }
}
