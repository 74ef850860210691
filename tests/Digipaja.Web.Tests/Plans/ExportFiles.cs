using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace Digipaja.Web.Tests.Plans;

/// <summary>Reads exported DOCX and XLSX files the way the tests look at them: tables by caption, sheets by name, rows by header.</summary>
public static class ExportFiles
{
    /// <summary>Every schema and semantic error the Open XML SDK finds against Office 2019, as readable lines.</summary>
    public static List<string> Errors(OpenXmlPackage package) =>
        new OpenXmlValidator(FileFormatVersions.Office2019).Validate(package)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

    public static WordprocessingDocument OpenDocx(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    public static SpreadsheetDocument OpenXlsx(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    public static Word.Body Body(WordprocessingDocument doc) => doc.MainDocumentPart!.Document.Body!;

    public static Word.Table Table(WordprocessingDocument doc, string caption) =>
        Body(doc).Elements<Word.Table>().Single(t => t.GetFirstChild<Word.TableProperties>()?.GetFirstChild<Word.TableCaption>()?.Val?.Value == caption);

    /// <summary>The rows of a table below its header, as the texts of their cells (a cell's paragraphs joined by new lines).</summary>
    public static List<string[]> Rows(Word.Table table) =>
        table.Elements<Word.TableRow>().Skip(1)
            .Select(r => r.Elements<Word.TableCell>().Select(c => string.Join("\n", c.Elements<Word.Paragraph>().Select(p => p.InnerText))).ToArray())
            .ToList();

    public static Word.TableRow HeaderRow(Word.Table table) => table.Elements<Word.TableRow>().First();

    /// <summary>Whether a cell of the document's timeline is filled in, as the periods of a phase are.</summary>
    public static bool IsShaded(Word.TableCell cell) => cell.TableCellProperties?.Shading?.Fill?.Value is { } fill && fill != "auto";

    public static IReadOnlyList<string> SheetNames(SpreadsheetDocument doc) =>
        doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public static XlsxSheet Sheet(SpreadsheetDocument doc, string name)
    {
        var workbook = doc.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return new XlsxSheet(workbook, (WorksheetPart)workbook.GetPartById(sheet.Id!));
    }
}

public sealed class XlsxSheet
{
    private readonly WorkbookPart workbook;
    private readonly List<string> strings;

    public XlsxSheet(WorkbookPart workbook, WorksheetPart part)
    {
        this.workbook = workbook;
        Part = part;
        strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        HeaderCells = rows[0].Elements<Cell>().ToList();
        Header = HeaderCells.Select(Text).ToList();
        Rows = rows.Skip(1).Select(r => r.Elements<Cell>().ToDictionary(c => Header[Column(c.CellReference!)], c => c)).ToList();
    }

    public WorksheetPart Part { get; }
    public IReadOnlyList<Cell> HeaderCells { get; }
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows, each cell under its column's header title; blank cells are absent.</summary>
    public IReadOnlyList<Dictionary<string, Cell>> Rows { get; }

    public string Text(Cell cell) =>
        cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text)]
        : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
        : cell.CellValue?.Text ?? "";

    public string Text(Dictionary<string, Cell> row, string column) => row.TryGetValue(column, out var cell) ? Text(cell) : "";

    public CellFormat Format(Cell cell) =>
        workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    public bool IsBold(Cell cell) =>
        workbook.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)(Format(cell).FontId?.Value ?? 0)).Bold is not null;

    /// <summary>A date cell: a number (no string type) whose format is a custom date format; null when it is anything else.</summary>
    public DateOnly? Date(Cell cell)
    {
        if (cell.DataType is not null) return null;
        var formatId = Format(cell).NumberFormatId?.Value ?? 0;
        var code = workbook.WorkbookStylesPart!.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .FirstOrDefault(f => f.NumberFormatId?.Value == formatId)?.FormatCode?.Value ?? "";
        if (!code.Contains("yyyy")) return null;
        return DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static int Column(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1)) - 1;
}
