using System.Diagnostics;
using System.Net;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Plans;

/// <summary>The PDF is printed by Chromium on the server; its text is read back with pdftotext (poppler-utils).</summary>
public abstract class PlanPdfTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : PlanPdfTests(app);
    [Collection(PostgresCollection.Name)] public sealed class OnPostgres(PostgresApp app) : PlanPdfTests(app);

    private static async Task<string> TextOf(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-raw", file, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            // Table cells wrap their text over lines, also after a hyphen; the words are what counts.
            return System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(text, @"-\s*\n\s*", "-"), @"\s+", " ");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_line_plan_prints_to_a_pdf_that_holds_its_content()
    {
        var line = await PlanSteps.FillLine(app, await app.Api(DigipajaApp.WestFacilitator), "NAO");
        var browser = await app.SignedIn(DigipajaApp.WestFacilitator);

        var response = await browser.GetAsync($"/Plans/Export/lines/{line.LineId}.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Kayttoonottosuunnitelma NAO ", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.EndsWith(".pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        var text = await TextOf(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(line.Service, text);
        Assert.Contains(line.Goal, text);
        Assert.Contains(line.Task, text);
        Assert.Contains("Tiekartta", text);
    }

    [Fact]
    public async Task A_published_version_prints_as_it_was_published_also_for_a_viewer_after_the_goal_is_edited()
    {
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");
        var id = await PlanVersionSteps.PublishThenEditGoal(api, line, $"Tulostettava {line.Marker}", $"Muutettu tavoite {line.Marker}");
        var viewer = await app.SignedIn(DigipajaApp.WestViewer);

        var response = await viewer.GetAsync($"/Plans/Export/versions/{id}.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = await TextOf(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(line.Goal, text);
        Assert.DoesNotContain($"Muutettu tavoite {line.Marker}", text);
        Assert.Contains(line.Service, text);
    }

    [Fact]
    public async Task Another_county_gets_no_pdf_of_our_line_and_a_viewer_none_of_the_current_plan()
    {
        var line = await PlanSteps.FillLine(app, await app.Api(DigipajaApp.WestFacilitator), "NAO");
        var other = await app.SignedIn(DigipajaApp.SecondAdmin);
        var viewer = await app.SignedIn(DigipajaApp.WestViewer);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Plans/Export/lines/{line.LineId}.pdf")).StatusCode);
        var viewed = await viewer.GetAsync("/Plans/Export/county.pdf");
        Assert.NotEqual(HttpStatusCode.OK, viewed.StatusCode);
        Assert.NotEqual("application/pdf", viewed.Content.Headers.ContentType?.MediaType);
    }
}
