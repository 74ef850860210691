using System.Net;
using DocumentFormat.OpenXml.Spreadsheet;
using Digipaja.Web.Localization;
using Digipaja.Web.Tests.Infrastructure;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace Digipaja.Web.Tests.Plans;

public abstract class PlanExportTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : PlanExportTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : PlanExportTests(app);

    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly Texts Texts = new();
    private static string Fi(string key) => Texts.Get("fi", key);

    private static async Task<byte[]> Download(HttpClient api, string url, string contentType, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task A_line_plan_downloads_as_a_valid_word_document_with_the_four_outputs_in_their_tables()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");

        using var doc = ExportFiles.OpenDocx(await Download(api, $"/api/v1/service-lines/{line.LineId}/plan.docx", DocxType));

        Assert.Empty(ExportFiles.Errors(doc));
        var roadmap = ExportFiles.Table(doc, Fi("plan.roadmap"));
        var service = Assert.Single(ExportFiles.Rows(roadmap), r => r[2].Contains(line.Service));
        Assert.Contains(line.Phase, service[3]);
        Assert.Contains("1.1.2027–31.3.2027", service[3]);
        Assert.Contains(line.Milestone, service[3]);
        Assert.Equal("15.4.2027", service[4]);
        Assert.Contains("›", service[5]); // worksheet › section
        // The timeline above the table draws the same service: the phase shaded in its quarter, the go-live milestone marked in its.
        var timeline = ExportFiles.Table(doc, Fi("export.roadmap.timeline"));
        var periods = ExportFiles.HeaderRow(timeline).Elements<Word.TableCell>().Select(c => c.InnerText).ToList();
        var drawn = timeline.Elements<Word.TableRow>().Single(r => r.Elements<Word.TableCell>().First().InnerText == line.Service)
            .Elements<Word.TableCell>().ToList();
        Assert.Equal((true, ""), (ExportFiles.IsShaded(drawn[periods.IndexOf("Q1/2027")]), drawn[periods.IndexOf("Q1/2027")].InnerText));
        Assert.Equal((false, "★"), (ExportFiles.IsShaded(drawn[periods.IndexOf("Q2/2027")]), drawn[periods.IndexOf("Q2/2027")].InnerText)); // the go-live milestone
        Assert.Contains(timeline.Elements<Word.TableRow>(), r => r.InnerText.StartsWith("NAO "));

        var useCases = ExportFiles.Rows(ExportFiles.Table(doc, Fi("plan.use_cases")));
        Assert.Contains(useCases, r => r[3] == line.UseCase && r[2] == Fi("export.kind.before"));
        Assert.Contains(useCases, r => r[3] == line.TargetGroup && r[2] == Fi("export.kind.target_group"));

        var work = ExportFiles.Rows(ExportFiles.Table(doc, Fi("plan.work")));
        var task = Assert.Single(work, r => r[3] == line.Task);
        Assert.Equal((line.TaskOwner, "15.2.2027"), (task[4], task[5]));
        Assert.Contains(work, r => r[3] == line.OwnerlessTask && r[4] == "");

        Assert.Contains(ExportFiles.Rows(ExportFiles.Table(doc, Fi("plan.goals.goals"))), r => r[2] == line.Goal);
        // NAO is filled by other tests too, with the same metric: the row is found by this test's baseline text.
        var metric = Assert.Single(ExportFiles.Rows(ExportFiles.Table(doc, Fi("export.goals.metrics"))), r => r[5] == line.Baseline);
        Assert.StartsWith(line.MetricName, metric[2]);
        Assert.Contains(ExportFiles.Rows(ExportFiles.Table(doc, Fi("plan.change"))), r => r[3] == line.Story);
        Assert.Contains(ExportFiles.Rows(ExportFiles.Table(doc, Fi("plan.gaps"))),
            r => r[0] == Fi("export.gap.task_without_owner") && r[3] == line.OwnerlessTask);
        // The key question "what is the target state" is answered by the goal, as a list item naming its source.
        Assert.Contains(ExportFiles.Body(doc).Elements<Word.Paragraph>(),
            p => p.ParagraphProperties?.ParagraphStyleId?.Val == "ListBullet" && p.InnerText.StartsWith(line.Goal) && p.InnerText.Contains("NAO"));
    }

    [Fact]
    public async Task The_word_document_has_heading_styles_repeating_table_headers_its_language_and_properties()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");

        var response = await api.GetAsync($"/api/v1/service-lines/{line.LineId}/plan.docx");
        using var doc = ExportFiles.OpenDocx(await response.Content.ReadAsByteArrayAsync());

        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.StartsWith("Kayttoonottosuunnitelma NAO ", disposition.FileName!.Trim('"'));
        Assert.StartsWith("Käyttöönottosuunnitelma NAO ", disposition.FileNameStar);
        Assert.EndsWith(".docx", disposition.FileNameStar);

        var styles = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        var heading1 = styles.Elements<Word.Style>().Single(s => s.StyleId == "Heading1");
        Assert.Equal("heading 1", heading1.StyleName!.Val);
        Assert.Equal(0, heading1.StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Contains(styles.Elements<Word.Style>(), s => s.StyleId == "Heading2");
        var body = ExportFiles.Body(doc);
        var headings = body.Elements<Word.Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(9, headings.Count);
        Assert.Equal($"1. {Fi("plan.roadmap")}", headings[0]);
        // The contents list links every numbered heading, through the bookmark on that heading.
        var links = body.Elements<Word.SdtBlock>().Single().Descendants<Word.Hyperlink>().ToList();
        Assert.Equal(headings, links.Select(l => l.InnerText));
        Assert.Equal(
            body.Elements<Word.Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "Heading1")
                .Select(p => p.GetFirstChild<Word.BookmarkStart>()?.Name?.Value),
            links.Select(l => l.Anchor?.Value));
        Assert.Equal(Word.PageOrientationValues.Landscape, body.GetFirstChild<Word.SectionProperties>()!.GetFirstChild<Word.PageSize>()!.Orient!.Value);
        Assert.All(body.Elements<Word.Paragraph>(), p => Assert.NotEqual("", p.InnerText)); // no empty paragraphs for layout
        Assert.All(body.Elements<Word.Table>(), t =>
            Assert.NotNull(ExportFiles.HeaderRow(t).TableRowProperties?.GetFirstChild<Word.TableHeader>()));

        Assert.Equal("fi-FI", styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.GetFirstChild<Word.Languages>()!.Val!.Value);
        Assert.Equal("fi-FI", doc.PackageProperties.Language);
        Assert.Equal("Digipaja", doc.PackageProperties.Creator);
        Assert.Contains("Neuvonta", doc.PackageProperties.Title ?? ""); // the line's name
        Assert.NotNull(doc.PackageProperties.Created);
    }

    [Fact]
    public async Task A_line_plan_downloads_as_a_valid_workbook_with_real_dates_and_frozen_bold_header_rows()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");

        using var xlsx = ExportFiles.OpenXlsx(await Download(api, $"/api/v1/service-lines/{line.LineId}/plan.xlsx", XlsxType));

        Assert.Empty(ExportFiles.Errors(xlsx));
        Assert.Equal(
            ["roadmap", "use_cases", "tasks", "goals", "metrics", "gaps"],
            ExportFiles.SheetNames(xlsx).Select(n => Texts.All("fi").Single(t => t.Key.StartsWith("export.sheet.") && t.Value == n).Key["export.sheet.".Length..]));

        var roadmap = ExportFiles.Sheet(xlsx, Fi("export.sheet.roadmap"));
        Assert.All(roadmap.HeaderCells, c => Assert.True(roadmap.IsBold(c)));
        var pane = roadmap.Part.Worksheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, "A2"), (pane.State!.Value, pane.TopLeftCell!.Value));
        Assert.StartsWith("A1:", roadmap.Part.Worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        var milestone = Assert.Single(roadmap.Rows, r => roadmap.Text(r, Fi("export.col.step")) == line.Milestone);
        Assert.Equal(line.Service, roadmap.Text(milestone, Fi("export.col.service")));
        Assert.Equal(new DateOnly(2027, 4, 15), roadmap.Date(milestone[Fi("export.col.goes_live")]));
        Assert.Equal(new DateOnly(2027, 4, 15), roadmap.Date(milestone[Fi("export.col.start")]));
        Assert.Equal("1", roadmap.Text(milestone, Fi("export.col.wave")));
        var phase = Assert.Single(roadmap.Rows, r => roadmap.Text(r, Fi("export.col.step")) == line.Phase);
        Assert.Equal(new DateOnly(2027, 3, 31), roadmap.Date(phase[Fi("export.col.end")]));

        var tasks = ExportFiles.Sheet(xlsx, Fi("export.sheet.tasks"));
        var task = Assert.Single(tasks.Rows, r => tasks.Text(r, Fi("export.col.text")) == line.Task);
        Assert.Equal(line.TaskOwner, tasks.Text(task, Fi("export.col.owner")));
        Assert.Equal(new DateOnly(2027, 2, 15), tasks.Date(task[Fi("export.col.due")]));
        var undated = Assert.Single(tasks.Rows, r => tasks.Text(r, Fi("export.col.text")) == line.OwnerlessTask);
        Assert.False(undated.ContainsKey(Fi("export.col.due"))); // no date is a blank cell, not 1899-12-30

        var goals = ExportFiles.Sheet(xlsx, Fi("export.sheet.goals"));
        Assert.Contains(goals.Rows, r => goals.Text(r, Fi("export.col.goal")) == line.Goal && goals.Text(r, Fi("export.col.line_code")) == "NAO");
        var metrics = ExportFiles.Sheet(xlsx, Fi("export.sheet.metrics"));
        var metric = Assert.Single(metrics.Rows, r => metrics.Text(r, Fi("export.col.baseline")) == line.Baseline);
        Assert.Equal(line.MetricName, metrics.Text(metric, Fi("export.col.metric")));
        Assert.NotEqual("", metrics.Text(metric, Fi("export.col.functionality")));
        var gaps = ExportFiles.Sheet(xlsx, Fi("export.sheet.gaps"));
        Assert.Contains(gaps.Rows, r => gaps.Text(r, Fi("export.col.subject")) == line.OwnerlessTask
            && gaps.Text(r, Fi("export.col.kind")) == Fi("export.gap.task_without_owner"));
    }

    [Fact]
    public async Task County_exports_merge_both_lines_in_the_language_the_caller_asks_for()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var first = await PlanSteps.FillLine(app, api, "NAO");
        var second = await PlanSteps.FillLine(app, api, "KAT");
        string Sv(string key) => Texts.Get("sv", key);

        using var xlsx = ExportFiles.OpenXlsx(await Download(api, "/api/v1/plans/county.xlsx", XlsxType, "sv"));
        using var docx = ExportFiles.OpenDocx(await Download(api, "/api/v1/plans/county.docx", DocxType, "sv"));

        Assert.Empty(ExportFiles.Errors(xlsx));
        Assert.Contains(Sv("export.sheet.roadmap"), ExportFiles.SheetNames(xlsx));
        var roadmap = ExportFiles.Sheet(xlsx, Sv("export.sheet.roadmap"));
        var services = roadmap.Rows.Select(r => roadmap.Text(r, Sv("export.col.service"))).ToList();
        Assert.Contains(first.Service, services);
        Assert.Contains(second.Service, services);
        Assert.Empty(ExportFiles.Errors(docx));
        var rows = ExportFiles.Rows(ExportFiles.Table(docx, Sv("plan.roadmap")));
        Assert.Contains(rows, r => r[2].Contains(first.Service) && r[4] == "15.4.2027");
        Assert.Contains(rows, r => r[2].Contains(second.Service));
        Assert.Equal("sv-FI", docx.PackageProperties.Language);
        Assert.Contains(ExportFiles.Rows(ExportFiles.Table(docx, Sv("plan.gaps"))),
            r => r[0] == Sv("export.gap.line_without_plan"));
    }

    [Fact]
    public async Task An_area_export_and_the_filters_narrow_what_the_files_hold()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");
        var area = await PlanSteps.AreaOf(app, line.LineId);
        var url = $"/api/v1/service-areas/{area}/plan";

        using var all = ExportFiles.OpenDocx(await Download(api, url + ".docx", DocxType));
        using var forms = ExportFiles.OpenDocx(await Download(api, url + ".docx?functionality=forms", DocxType));
        using var spring = ExportFiles.OpenXlsx(await Download(api, url + ".xlsx?from=2027-04-01&to=2027-06-30", XlsxType));
        var bad = await api.GetAsync(url + ".xlsx?from=tomorrow");

        Assert.Contains(line.UseCase, ExportFiles.Body(all).InnerText);
        Assert.DoesNotContain(line.UseCase, ExportFiles.Body(forms).InnerText);
        Assert.Empty(ExportFiles.Errors(forms));
        var roadmap = ExportFiles.Sheet(spring, Fi("export.sheet.roadmap"));
        var steps = roadmap.Rows.Where(r => roadmap.Text(r, Fi("export.col.service")) == line.Service)
            .Select(r => roadmap.Text(r, Fi("export.col.step"))).ToList();
        Assert.Equal([line.Milestone], steps);
        var tasks = ExportFiles.Sheet(spring, Fi("export.sheet.tasks"));
        Assert.DoesNotContain(line.Task, tasks.Rows.Select(r => tasks.Text(r, Fi("export.col.text"))));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_viewer_gets_no_export_and_another_county_finds_none_of_ours()
    {
        var facilitator = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, facilitator, "NAO");
        var area = await PlanSteps.AreaOf(app, line.LineId);
        var viewer = await app.Api(DigipajaApp.WestViewer);
        var other = await app.Api(DigipajaApp.SecondAdmin);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/plans/county.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/v1/service-lines/{line.LineId}/plan.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/service-lines/{line.LineId}/plan.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/service-areas/{area}/plan.xlsx")).StatusCode);
        using var otherCounty = ExportFiles.OpenXlsx(await Download(other, "/api/v1/plans/county.xlsx", XlsxType));
        var texts = otherCounty.WorkbookPart!.SharedStringTablePart!.SharedStringTable.InnerText;
        Assert.DoesNotContain(line.Marker, texts);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/plans/county.xlsx")).StatusCode);
    }
}
