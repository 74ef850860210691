using Digipaja.Core.Common;
using Digipaja.Core.Plans;
using Digipaja.Web.Features.Plans.Exports;
using Digipaja.Web.Localization;

namespace Digipaja.Web.Tests.Plans;

/// <summary>The writers on their own, with plans made in the test: edge cases no workshop produces easily.</summary>
public sealed class PlanWriterTests
{
    private static readonly Texts Texts = new();
    private readonly PlanDocx docx = new(Texts);
    private readonly PlanXlsx xlsx = new(Texts);

    private static Plan Plan(string name, params RoadmapService[] roadmap) => new(
        new PlanScope(PlanLevel.County, Guid.NewGuid(), "testi", name), new DateTime(2026, 5, 4, 8, 0, 0, DateTimeKind.Utc),
        [], [], roadmap, [], [], [], [], [], [], [], [], new Dictionary<string, LocalizedText>());

    [Theory]
    [InlineData("fi")]
    [InlineData("sv")]
    [InlineData("en")]
    public void An_empty_plan_is_written_as_valid_files_that_say_there_is_nothing_yet(string language)
    {
        var plan = Plan("Tyhjä hyvinvointialue");

        using var doc = ExportFiles.OpenDocx(docx.Write(plan, language));
        using var book = ExportFiles.OpenXlsx(xlsx.Write(plan, language));

        Assert.Empty(ExportFiles.Errors(doc));
        Assert.Empty(ExportFiles.Body(doc).Elements<DocumentFormat.OpenXml.Wordprocessing.Table>());
        Assert.Contains(Texts.Get(language, "export.none"), ExportFiles.Body(doc).InnerText);
        Assert.Empty(ExportFiles.Errors(book));
        Assert.All(ExportFiles.SheetNames(book), name => Assert.Empty(ExportFiles.Sheet(book, name).Rows));
    }

    [Fact]
    public void Texts_with_line_breaks_edge_spaces_and_markup_characters_survive_both_formats()
    {
        var line = new LineRef(Guid.NewGuid(), "A&B", "<Linja> \"1\"", Guid.NewGuid(), "AL", "Alue");
        var source = new SourceRef(Guid.NewGuid(), "Työkirja 'chat'", Guid.NewGuid(), "basics", "service-name", null);
        var text = "  Ensimmäinen rivi\r\ntoinen rivi & <b>ei lihavoitu</b>";
        var plan = Plan("Testi", new RoadmapService(Guid.NewGuid(), line, new FunctionalityRef("chat", "Chat", 1), 1, text, "", "",
            null, null, [], source));

        using var doc = ExportFiles.OpenDocx(docx.Write(plan, "fi"));
        using var book = ExportFiles.OpenXlsx(xlsx.Write(plan, "fi"));

        Assert.Empty(ExportFiles.Errors(doc));
        var row = Assert.Single(ExportFiles.Rows(ExportFiles.Table(doc, Texts.Get("fi", "export.section.roadmap"))));
        Assert.Equal("  Ensimmäinen rivitoinen rivi & <b>ei lihavoitu</b>", row[2]); // the break is a <w:br/>, not text
        Assert.Equal("A&B <Linja> \"1\"", row[0]);
        Assert.Empty(ExportFiles.Errors(book));
        var sheet = ExportFiles.Sheet(book, Texts.Get("fi", "export.sheet.roadmap"));
        Assert.Equal("  Ensimmäinen rivi\ntoinen rivi & <b>ei lihavoitu</b>", sheet.Text(Assert.Single(sheet.Rows), Texts.Get("fi", "export.col.service")));
    }

    [Fact]
    public void Sheet_names_are_cut_to_31_characters_cleaned_of_forbidden_characters_and_unique()
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        var first = PlanXlsx.SheetName("'Tavoitteet: [mittarit] / data?*\\ ja paljon muuta tekstiä'", taken);
        var second = PlanXlsx.SheetName("'Tavoitteet: [mittarit] / data?*\\ ja paljon muuta tekstiä'", taken);
        var third = PlanXlsx.SheetName("tavoitteet: [mittarit] / data?*\\ ja paljon muuta tekstiä", taken);

        Assert.Equal("Tavoitteet_ _mittarit_ _ data__", first);
        Assert.Equal(31, second.Length);
        Assert.EndsWith(" (2)", second);
        Assert.EndsWith(" (3)", third);
        Assert.All(new[] { first, second, third }, n => Assert.True(n.Length <= PlanXlsx.MaxSheetName && n.IndexOfAny(":\\/?*[]".ToCharArray()) < 0));
    }

    [Fact]
    public void A_file_name_keeps_its_letters_and_its_ascii_fallback_drops_only_the_accents()
    {
        var exports = new PlanExports(docx, xlsx, Texts);
        var plan = Plan("Länsi-Uudenmaan hyvinvointialue: \"testi\"");

        var name = exports.FileName(plan, "docx", "fi");

        Assert.Equal("Käyttöönottosuunnitelma Länsi-Uudenmaan hyvinvointialue testi 2026-05-04.docx", name);
        Assert.Equal("Kayttoonottosuunnitelma Lansi-Uudenmaan hyvinvointialue testi 2026-05-04.docx", PlanExports.Ascii(name));
        Assert.Equal("Inforandeplan A_.xlsx", PlanExports.Ascii("Införandeplan Å€.xlsx"));
    }
}
