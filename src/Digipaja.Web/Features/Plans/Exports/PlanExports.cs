using System.Globalization;
using System.Text;
using Digipaja.Core.Common;
using Digipaja.Core.Plans;
using Digipaja.Web.Localization;
using Microsoft.Net.Http.Headers;

namespace Digipaja.Web.Features.Plans.Exports;

public enum PlanExportFormat
{
    Docx,
    Xlsx,
}

/// <summary>An export ready to send: its bytes, content type and the file name a person sees when saving it.</summary>
public sealed record PlanFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The plan exports as files to download, for the API and for cookie-signed pages alike (current plans and published
/// versions): <c>Create</c> writes a plan in a format and language, <c>Download</c> sends it as an attachment.
/// </summary>
public sealed class PlanExports(PlanDocx docx, PlanXlsx xlsx, Texts texts)
{
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<PlanDocx>();
        services.AddSingleton<PlanXlsx>();
        services.AddSingleton<PlanExports>();
    }

    public PlanFile Create(Plan plan, PlanExportFormat format, string language) => format switch
    {
        PlanExportFormat.Docx => new(docx.Write(plan, language), PlanDocx.ContentType, FileName(plan, "docx", language)),
        _ => new(xlsx.Write(plan, language), PlanXlsx.ContentType, FileName(plan, "xlsx", language)),
    };

    /// <summary>
    /// The file as an attachment. The name goes twice into Content-Disposition: readable ASCII for old clients
    /// ("Kayttoonottosuunnitelma NAO …") and the real name as UTF-8 in filename*, which browsers prefer.
    /// </summary>
    public static IResult Download(HttpResponse response, PlanFile file)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        disposition.FileName = HeaderUtilities.EscapeAsQuotedString(Ascii(file.FileName));
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(file.Content, file.ContentType);
    }

    /// <summary>"Käyttöönottosuunnitelma NAO Neuvonta ja ohjaus 2027-02-15.docx": what, whose, when.</summary>
    public string FileName(Plan plan, string extension, string language)
    {
        var scope = plan.Scope.Level == PlanLevel.County ? plan.Scope.Name : $"{plan.Scope.Code} {plan.Scope.Name}";
        var date = DateOnly.FromDateTime(plan.AssembledAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = $"{texts.Get(Texts.Languages.Contains(language) ? language : Texts.DefaultLanguage, "export.file_name")} {scope} {date}";
        var safe = new StringBuilder();
        foreach (var c in name)
            safe.Append(char.IsControl(c) || "\\/:*?\"<>|".Contains(c) ? ' ' : c);
        var collapsed = string.Join(' ', safe.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return DisplayText.Cut(DisplayText.XmlSafe(collapsed), 150).TrimEnd() + "." + extension;
    }

    /// <summary>Letters lose their accents (ä → a, å → a); anything else outside printable ASCII becomes "_".</summary>
    public static string Ascii(string name)
    {
        var ascii = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            ascii.Append(c is >= ' ' and <= '~' ? c : '_');
        }
        return ascii.ToString();
    }
}
