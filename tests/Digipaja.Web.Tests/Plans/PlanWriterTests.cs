using System.Globalization;
using Digipaja.Core.Common;
using Digipaja.Core.Plans;
using Digipaja.Web.Features.Plans.Exports;
using Digipaja.Web.Localization;
using Word = DocumentFormat.OpenXml.Wordprocessing;

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
        var row = Assert.Single(ExportFiles.Rows(ExportFiles.Table(doc, Texts.Get("fi", "plan.roadmap"))));
        Assert.Equal("  Ensimmäinen rivitoinen rivi & <b>ei lihavoitu</b>", row[2]); // the break is a <w:br/>, not text
        Assert.Equal("A&B <Linja> \"1\"", row[0]);
        Assert.Empty(ExportFiles.Errors(book));
        var sheet = ExportFiles.Sheet(book, Texts.Get("fi", "export.sheet.roadmap"));
        Assert.Equal("  Ensimmäinen rivi\ntoinen rivi & <b>ei lihavoitu</b>", sheet.Text(Assert.Single(sheet.Rows), Texts.Get("fi", "export.col.service")));
    }

    private static Plan PlanWithService(string name) => Plan("Testi", new RoadmapService(Guid.NewGuid(),
        new LineRef(Guid.NewGuid(), "NAO", "Neuvonta", Guid.NewGuid(), "AL", "Alue"), new FunctionalityRef("chat", "Chat", 1), 1, name, "", "",
        null, null, [], new SourceRef(Guid.NewGuid(), "Työkirja", Guid.NewGuid(), "basics", "service-name", null)));

    [Theory]
    [InlineData("2029-10-01", "Q1/2027", "Q4/2029", 12)]
    [InlineData("2030-01-01", "H1/2027", "H1/2030", 7)]
    [InlineData("2033-01-01", "2027", "2033", 7)]
    public void The_timeline_of_the_document_widens_its_periods_when_the_roadmap_spans_more_than_twelve_quarters(
        string milestone, string first, string last, int periods)
    {
        var source = new SourceRef(Guid.NewGuid(), "Työkirja", Guid.NewGuid(), "path", "development-path", null);
        var goesLive = DateOnly.Parse(milestone, CultureInfo.InvariantCulture);
        var plan = Plan("Testi", new RoadmapService(Guid.NewGuid(),
            new LineRef(Guid.NewGuid(), "NAO", "Neuvonta", Guid.NewGuid(), "AL", "Alue"), new FunctionalityRef("chat", "Chat", 1), 1, "Chat", "", "",
            null, null,
            [
                new RoadmapStep(Guid.NewGuid(), "phase", "Käyttöönotto", new DateOnly(2027, 1, 1), goesLive.AddDays(-1), source),
                new RoadmapStep(Guid.NewGuid(), "milestone", "Kaikilla käytössä", goesLive, null, source),
            ], source));

        using var doc = ExportFiles.OpenDocx(docx.Write(plan, "fi"));

        Assert.Empty(ExportFiles.Errors(doc));
        var timeline = ExportFiles.Table(doc, Texts.Get("fi", "export.roadmap.timeline"));
        var header = ExportFiles.HeaderRow(timeline).Elements<Word.TableCell>().Skip(1).Select(c => c.InnerText).ToList();
        Assert.Equal((periods, first, last), (header.Count, header[0], header[^1]));
        var cells = timeline.Elements<Word.TableRow>().Single(r => r.Elements<Word.TableCell>().First().InnerText == "Chat")
            .Elements<Word.TableCell>().Skip(1).ToList();
        // The phase ends the day before the last period, where the milestone is: shaded up to there, marked in it.
        Assert.Equal(Enumerable.Range(0, periods).Select(i => i < periods - 1), cells.Select(ExportFiles.IsShaded));
        Assert.Equal([.. Enumerable.Repeat("", periods - 1), "◆"], cells.Select(c => c.InnerText));
    }

    [Fact]
    public void Characters_xml_cannot_hold_are_dropped_from_both_formats_and_emoji_stay()
    {
        // Notes typed today cannot hold control characters, but older notes and imports may: they must not stop the file.
        var plan = PlanWithService("Ohjaus\u0001 ja\u0008 neuvonta \uD83D\uDC4D loppu\uD800\uFFFE");

        using var doc = ExportFiles.OpenDocx(docx.Write(plan, "fi"));
        using var book = ExportFiles.OpenXlsx(xlsx.Write(plan, "fi"));

        Assert.Empty(ExportFiles.Errors(doc));
        Assert.Equal("Ohjaus ja neuvonta \uD83D\uDC4D loppu", Assert.Single(ExportFiles.Rows(ExportFiles.Table(doc, Texts.Get("fi", "plan.roadmap"))))[2]);
        Assert.Empty(ExportFiles.Errors(book));
        var sheet = ExportFiles.Sheet(book, Texts.Get("fi", "export.sheet.roadmap"));
        Assert.Equal("Ohjaus ja neuvonta \uD83D\uDC4D loppu", sheet.Text(Assert.Single(sheet.Rows), Texts.Get("fi", "export.col.service")));
    }

    [Fact]
    public void Every_kind_of_line_ending_is_a_line_break_in_the_document_as_in_the_workbook()
    {
        var plan = PlanWithService("a\r\nb\rc\u0085d\u2028e\u2029f\fg\n\nh");

        using var doc = ExportFiles.OpenDocx(docx.Write(plan, "fi"));
        using var book = ExportFiles.OpenXlsx(xlsx.Write(plan, "fi"));

        var cell = ExportFiles.Table(doc, Texts.Get("fi", "plan.roadmap")).Elements<Word.TableRow>().Skip(1).Single()
            .Elements<Word.TableCell>().ElementAt(2);
        var run = Assert.Single(cell.Descendants<Word.Run>());
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "", "h"], run.Elements<Word.Text>().Select(t => t.Text));
        Assert.Equal(8, run.Elements<Word.Break>().Count());
        var sheet = ExportFiles.Sheet(book, Texts.Get("fi", "export.sheet.roadmap"));
        Assert.Equal("a\nb\nc\nd\ne\nf\ng\n\nh", sheet.Text(Assert.Single(sheet.Rows), Texts.Get("fi", "export.col.service")));
    }

    [Fact]
    public void A_very_long_note_is_whole_in_the_document_and_cut_to_the_cell_limit_in_the_workbook()
    {
        var note = string.Concat(Enumerable.Repeat("Pitkä & <hankala> teksti. ", 4_000)); // 104,000 characters

        var plan = PlanWithService(note);
        using var doc = ExportFiles.OpenDocx(docx.Write(plan, "fi"));
        using var book = ExportFiles.OpenXlsx(xlsx.Write(plan, "fi"));

        Assert.Empty(ExportFiles.Errors(doc));
        Assert.Equal(note, Assert.Single(ExportFiles.Rows(ExportFiles.Table(doc, Texts.Get("fi", "plan.roadmap"))))[2]);
        Assert.Empty(ExportFiles.Errors(book));
        var sheet = ExportFiles.Sheet(book, Texts.Get("fi", "export.sheet.roadmap"));
        Assert.Equal(note[..32_767], sheet.Text(Assert.Single(sheet.Rows), Texts.Get("fi", "export.col.service")));
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
