using System.Diagnostics;
using Digipaja.Web.Localization;
using Digipaja.Web.Tests.Infrastructure;

namespace Digipaja.Web.Tests.Plans;

/// <summary>
/// A real office suite opens the exports: LibreOffice converts the Word document to text and every sheet of the
/// workbook to CSV, and the worksheets' texts must come out. A file LibreOffice cannot read fails the conversion.
/// scripts/test.sh installs LibreOffice (when root) and names it in DIGIPAJA_SOFFICE; without it the test fails.
/// </summary>
public abstract class OfficeSuiteTests(DigipajaApp app)
{
    [Collection(SqliteCollection.Name)] public sealed class OnSqlite(SqliteApp app) : OfficeSuiteTests(app);

    [Fact]
    public async Task LibreOffice_opens_the_word_document_and_every_sheet_of_the_workbook_with_the_worksheets_texts()
    {
        var soffice = FindSoffice();
        var api = await app.Api(DigipajaApp.WestFacilitator);
        var line = await PlanSteps.FillLine(app, api, "NAO");
        var folder = Directory.CreateTempSubdirectory("digipaja-office-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "plan.docx"), await api.GetByteArrayAsync($"/api/v1/service-lines/{line.LineId}/plan.docx"));
            await File.WriteAllBytesAsync(Path.Combine(folder, "plan.xlsx"), await api.GetByteArrayAsync($"/api/v1/service-lines/{line.LineId}/plan.xlsx"));

            await Convert(soffice, folder, "plan.docx", "txt:Text");
            // Comma-separated UTF-8, cells as shown (so dates appear in their date format), every sheet to its own file.
            await Convert(soffice, folder, "plan.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1");

            var text = await File.ReadAllTextAsync(Path.Combine(folder, "plan.txt"));
            Assert.All(new[] { line.Service, line.Phase, line.Milestone, line.UseCase, line.TargetGroup, line.Task, line.Goal, line.Baseline, line.Story },
                marker => Assert.Contains(marker, text));
            string Sheet(string key)
            {
                var name = Path.Combine(folder, $"plan-{new Texts().Get("fi", key)}.csv");
                Assert.True(File.Exists(name), $"No {name}; LibreOffice wrote: {string.Join(", ", Directory.GetFiles(folder).Select(Path.GetFileName))}");
                return File.ReadAllText(name);
            }
            var roadmap = Sheet("export.sheet.roadmap").Split('\n');
            Assert.Contains(roadmap, row => row.Contains(line.Milestone) && row.Contains("15.4.2027"));
            Assert.Contains(Sheet("export.sheet.tasks").Split('\n'), row => row.Contains(line.Task) && row.Contains(line.TaskOwner) && row.Contains("15.2.2027"));
            Assert.Contains(line.Goal, Sheet("export.sheet.goals"));
            Assert.Contains(line.Baseline, Sheet("export.sheet.metrics"));
            Assert.Contains(line.OwnerlessTask, Sheet("export.sheet.gaps"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>DIGIPAJA_SOFFICE, or soffice on the PATH; a missing office suite is a failure, not a skip.</summary>
    private static string FindSoffice()
    {
        var configured = Environment.GetEnvironmentVariable("DIGIPAJA_SOFFICE");
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"DIGIPAJA_SOFFICE={configured} does not exist.");
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "soffice")).FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            "LibreOffice (soffice) is not installed: run scripts/test.sh as root to install libreoffice-writer-nogui and libreoffice-calc-nogui, or set DIGIPAJA_SOFFICE.");
    }

    private static async Task Convert(string soffice, string folder, string file, string target)
    {
        // A profile of its own per conversion: parallel runs and a user's own LibreOffice do not lock each other out.
        var profile = Directory.CreateTempSubdirectory("digipaja-soffice-profile-").FullName;
        var start = new ProcessStartInfo(soffice)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList = { $"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", target, "--outdir", folder, file },
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"soffice did not convert {file} in 3 minutes");
            }
            Assert.True(process.ExitCode == 0, $"soffice exited with {process.ExitCode}: {await output} {await errors}");
            Assert.DoesNotContain("Error", await output + await errors);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
