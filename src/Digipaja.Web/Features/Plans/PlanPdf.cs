using System.Diagnostics;
using System.Text;
using Digipaja.Core.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;

namespace Digipaja.Web.Features.Plans;

/// <summary>Turns a standalone HTML page into PDF bytes.</summary>
public interface IPdfPrinter
{
    bool IsAvailable { get; }

    /// <summary>The PDF, or null when printing failed (logged).</summary>
    Task<byte[]?> PrintAsync(string html, CancellationToken ct);
}

/// <summary>Prints with headless Chromium on the server, one browser per print. How many run at once is up to <see cref="PrintQueue"/>.</summary>
public sealed class ChromiumPrinter(IConfiguration configuration, ILogger<ChromiumPrinter> log) : IPdfPrinter
{
    // A county plan of 20,000 notes is some 2,000 pages, which Chromium takes about 50 s to print on two cores
    // (docs/benchmarks.md): the limit leaves room for that, not just for a service line's plan of a few seconds.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private const string Nice = "/usr/bin/nice";

    public string ChromiumPath => configuration["Pdf:Chromium"] ?? "/usr/bin/chromium";

    public bool IsAvailable => File.Exists(ChromiumPath);

    public async Task<byte[]?> PrintAsync(string html, CancellationToken ct)
    {
        if (!IsAvailable) return null;
        var folder = Directory.CreateTempSubdirectory("digipaja-pdf-");
        try
        {
            var page = Path.Combine(folder.FullName, "print.html");
            var pdf = Path.Combine(folder.FullName, "print.pdf");
            await File.WriteAllTextAsync(page, html, Encoding.UTF8, ct);
            // Printing is batch work: Chromium runs at a lower CPU priority (nice, where there is one), so that the
            // pages of everyone else stay quick while a plan prints (docs/benchmarks.md, a burst of exports).
            var niced = OperatingSystem.IsLinux() && File.Exists(Nice);
            var start = new ProcessStartInfo(niced ? Nice : ChromiumPath)
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(folder.FullName, "profile")}",
                    $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
                },
            };
            if (niced)
                foreach (var (index, arg) in new[] { "-n", "10", ChromiumPath }.Index()) start.ArgumentList.Insert(index, arg);
            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                log.LogError("Chromium could not print the plan (exit {Code}): {Errors}", process.ExitCode, await errors);
                return null;
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { } // a leftover temp folder is harmless
        }
    }
}

/// <summary>
/// Prints a plan to PDF: the same HTML as the plan page's body, with the site's print styles, printed by headless
/// Chromium on the server. Without Chromium the export is unavailable and the user is told to print from the page.
/// Callers wait for their turn in <see cref="PrintQueue"/> first; the page is rendered only then.
/// </summary>
public sealed class PlanPdf(IRazorViewEngine views, ITempDataProvider tempData, IWebHostEnvironment environment, IPdfPrinter printer)
{
    public bool IsAvailable => printer.IsAvailable;

    /// <summary>The PDF bytes, or null when Chromium is missing or failed (logged).</summary>
    public async Task<byte[]?> PrintAsync(HttpContext http, Plan plan, string title, CancellationToken ct)
    {
        if (!IsAvailable) return null;
        return await printer.PrintAsync(await HtmlAsync(http, plan, title), ct);
    }

    /// <summary>A standalone page: the plan body and the site's styles inline, so printing needs no server round trip.</summary>
    private async Task<string> HtmlAsync(HttpContext http, Plan plan, string title)
    {
        var css = await File.ReadAllTextAsync(Path.Combine(environment.WebRootPath, "css", "site.css"));
        var body = await RenderPartialAsync(http, "/Features/Plans/_PlanBody.cshtml", plan);
        var language = Localization.Texts.CurrentLanguage;
        return $"""
            <!DOCTYPE html>
            <html lang="{language}">
            <head><meta charset="utf-8"><title>{System.Net.WebUtility.HtmlEncode(title)}</title><style>{css}</style></head>
            <body><main><h1>{System.Net.WebUtility.HtmlEncode(title)}</h1>{body}</main></body>
            </html>
            """;
    }

    private async Task<string> RenderPartialAsync(HttpContext http, string path, object model)
    {
        var actionContext = new ActionContext(http, http.GetRouteData(), new ActionDescriptor());
        var view = views.GetView(null, path, isMainPage: false).View
            ?? throw new InvalidOperationException($"No view at {path}");
        await using var writer = new StringWriter();
        var viewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        var context = new ViewContext(actionContext, view, viewData, new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions());
        await view.RenderAsync(context);
        return writer.ToString();
    }
}
