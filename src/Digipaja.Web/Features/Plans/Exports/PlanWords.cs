using System.Globalization;
using Digipaja.Core.Plans;
using Digipaja.Web.Localization;
using DocumentFormat.OpenXml.Packaging;

namespace Digipaja.Web.Features.Plans.Exports;

/// <summary>
/// The words of one export in one language: the app's texts, the plan's own section and cell titles (which come from
/// the templates the worksheets were made with, so a published version keeps the titles it was written with), dates
/// and sources. The DOCX and XLSX writers share it so both name things the same way.
/// </summary>
internal sealed class PlanWords(Texts texts, Plan plan, string language)
{
    public string Language { get; } = Texts.Languages.Contains(language) ? language : Texts.DefaultLanguage;

    /// <summary>The BCP 47 tag written into the documents: the Finnish and Swedish of Finland, English as in the EU.</summary>
    public string LanguageTag => Language switch { "sv" => "sv-FI", "en" => "en-GB", _ => "fi-FI" };

    public string this[string key] => texts.Get(Language, key);

    public string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, this[key], args);

    /// <summary>
    /// The text of a kind of thing such as the gap "task-without-owner" (key export.gap.task_without_owner); an
    /// unknown kind, e.g. from a newer version's snapshot, shows itself rather than a missing-key marker.
    /// </summary>
    public string Kind(string group, string kind) => PlanTerms.Text(texts, Language, $"export.{group}.{kind.Replace('-', '_')}", kind);

    public string Section(string sectionKey) => PlanTerms.Section(plan, sectionKey, Language);

    public string Cell(string cellKey) => PlanTerms.Cell(plan, cellKey, Language);

    /// <summary>The short source line of a fact: the worksheet and the section of it.</summary>
    public string Source(SourceRef? source) =>
        source is null ? "" : source.SectionKey.Length == 0 ? source.WorksheetTitle : $"{source.WorksheetTitle} › {Section(source.SectionKey)}";

    public string Service(RoadmapService service) => PlanTerms.ServiceName(texts, Language, service);

    public static string Line(LineRef line) => $"{line.Code} {line.Name}";

    public static string Functionality(FunctionalityRef? functionality) => functionality?.Name ?? "";

    public string Level => plan.Scope.Level switch
    {
        PlanLevel.County => this["export.level.county"],
        PlanLevel.ServiceArea => this["export.level.service_area"],
        _ => this["export.level.service_line"],
    };

    public string Title => Format("export.plan_title", plan.Scope.Name);

    /// <summary>
    /// The package's core properties. Created is the moment the plan was assembled, not the download: a published
    /// version's file keeps its date, and the same plan gives the same file.
    /// </summary>
    public void Describe(OpenXmlPackage package)
    {
        var properties = package.PackageProperties;
        properties.Title = Title;
        properties.Creator = "Digipaja";
        properties.Language = LanguageTag;
        properties.Created = plan.AssembledAt;
        properties.Modified = plan.AssembledAt;
    }

    /// <summary>Dates as the reader of the language writes them; English uses ISO dates, which no reader misreads.</summary>
    public string Date(DateOnly? date) =>
        date?.ToString(Language == "en" ? "yyyy-MM-dd" : "d.M.yyyy", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The same pattern as an Excel number format, so sheets show dates as the document does.</summary>
    public string ExcelDateFormat => Language == "en" ? "yyyy-mm-dd" : "d.m.yyyy";

    public string Span(DateOnly? start, DateOnly? end) =>
        start is null && end is null ? "" : start == end || end is null ? Date(start) : start is null ? Date(end) : $"{Date(start)}–{Date(end)}";

    /// <summary>A section's value in a column, as a document writes it in one cell (see <see cref="PlanColumnKind"/>).</summary>
    public string Value(PlanColumnKind kind, object? value) => kind switch
    {
        PlanColumnKind.Line => value is LineRef line ? Line(line) : "",
        PlanColumnKind.Functionality => Functionality(value as FunctionalityRef),
        PlanColumnKind.Date => Date(value as DateOnly?),
        PlanColumnKind.Span => value is DateSpan span ? Span(span.Start, span.End) : "",
        PlanColumnKind.Source => Source(value as SourceRef),
        _ => Text(value),
    };

    /// <summary>A text column's value: a string as it is, a term or label in the language.</summary>
    public string Text(object? value) => value switch
    {
        string text => text,
        PlanTerm term => Kind(term.Group, term.Key),
        PlanLabel { Prefix: "section" } label => Section(label.Key),
        PlanLabel label => Cell(label.Key),
        null => "",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public string Direction(string direction) => Kind("direction", direction);
}
