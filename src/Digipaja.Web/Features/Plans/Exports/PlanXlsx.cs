using System.Globalization;
using System.Xml;
using Digipaja.Core.Common;
using Digipaja.Core.Plans;
using Digipaja.Web.Localization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Digipaja.Web.Features.Plans.Exports;

/// <summary>
/// Writes a plan as a workbook for the staff who sort, filter and count: roadmap, use cases, tasks, goals, metrics
/// and gaps, one sheet each. Every sheet starts with a bold, frozen header row with a filter; dates are real date
/// cells (serial numbers with a date format), so they sort and feed Excel's and Calc's date functions; numbers are
/// numbers. Texts go through the shared string table, once each.
/// </summary>
public sealed class PlanXlsx(Texts texts)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's limit for a sheet name; longer names make the file need repair.</summary>
    public const int MaxSheetName = 31;

    private const string Namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    // Cell formats of the style sheet, in the order Stylesheet() writes them.
    private const uint TextStyle = 3, HeaderStyle = 1, DateStyle = 2;

    private enum Kind { Text, Date, Number }

    private sealed record Column(string Title, double Width, Kind Kind = Kind.Text);

    private sealed record Sheet(string Name, Column[] Columns, IReadOnlyList<object?[]> Rows);

    public byte[] Write(Plan plan, string language)
    {
        var w = new PlanWords(texts, plan, language);
        var sheets = Sheets(plan, w);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet(w.ExcelDateFormat);
            var strings = new SharedStrings();
            var sheetList = new Sheets();
            var filters = new DefinedNames();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < sheets.Count; i++)
            {
                var sheet = sheets[i];
                var name = SheetName(sheet.Name, names);
                var part = workbook.AddNewPart<WorksheetPart>();
                using (var xml = PartXml.Create(part))
                    Worksheet(xml, sheet, strings, selected: i == 0);
                sheetList.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet
                {
                    Name = name, SheetId = (uint)(i + 1), Id = workbook.GetIdOfPart(part),
                });
                // Excel keeps an autofilter's range in this hidden name; without it some versions drop the filter.
                filters.Append(new DefinedName($"'{name.Replace("'", "''")}'!{Range(sheet, absolute: true)}")
                {
                    Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true,
                });
            }
            workbook.Workbook = new Workbook(
                new BookViews(new WorkbookView { ActiveTab = 0 }),
                sheetList, filters);
            using (var xml = PartXml.Create(workbook.AddNewPart<SharedStringTablePart>()))
                strings.Write(xml);
            w.Describe(document);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The sheets in the plan's order of sections: the roadmap a row per step, the goals on two sheets (goals with their
    /// data, and metrics), and each section with a table and a sheet of its own as that table. Sections only the page
    /// and the document show (key questions, customers, operations, the change story) have no sheet.
    /// </summary>
    private static List<Sheet> Sheets(Plan plan, PlanWords w)
    {
        var sheets = new List<Sheet>();
        foreach (var section in PlanSections.All)
        {
            switch (section.Key)
            {
                case PlanSections.RoadmapKey:
                    sheets.Add(RoadmapSheet(plan, w));
                    break;
                case PlanSections.GoalsKey:
                    sheets.AddRange(GoalSheets(plan, w));
                    break;
                default:
                    if (section.Sheet is { } name && section.Columns.Count > 0) sheets.Add(TableSheet(section, w[name], plan, w));
                    break;
            }
        }
        return sheets;
    }

    private static Column Area(PlanWords w) => new(w["export.col.area"], 24);
    private static Column Code(PlanWords w) => new(w["export.col.line_code"], 9);
    private static Column Line(PlanWords w) => new(w["export.col.line"], 28);
    private static Column Functionality(PlanWords w) => new(w["export.col.functionality"], 20);
    private static Column Worksheet(PlanWords w) => new(w["export.col.worksheet"], 24);
    private static Column Section(PlanWords w) => new(w["export.col.section"], 24);
    private static object?[] Where(LineRef line, FunctionalityRef? f) => [line.AreaName, line.Code, line.Name, PlanWords.Functionality(f)];
    private static object?[] From(PlanWords w, SourceRef? source) => [source?.WorksheetTitle ?? "", w.Section(source?.SectionKey ?? "")];

    /// <summary>
    /// A section's table as a sheet: a line spread over its area, code and name, a schedule over its start and end,
    /// a source over its worksheet and section, so each sorts and filters on its own.
    /// </summary>
    private static Sheet TableSheet(PlanSection section, string name, Plan plan, PlanWords w)
    {
        Column[] Titles(PlanColumn c) => c.Kind switch
        {
            PlanColumnKind.Line => [Area(w), Code(w), Line(w)],
            PlanColumnKind.Functionality => [Functionality(w)],
            PlanColumnKind.Source => [Worksheet(w), Section(w)],
            PlanColumnKind.Span => [new(w["export.col.start"], c.Width, Kind.Date), new(w["export.col.end"], c.Width, Kind.Date)],
            PlanColumnKind.Date => [new(w[c.Title], c.Width, Kind.Date)],
            _ => [new(w[c.Title], c.Width)],
        };
        object?[] Values(PlanColumn c, object? value) => c.Kind switch
        {
            PlanColumnKind.Line => value is LineRef line ? [line.AreaName, line.Code, line.Name] : ["", "", ""],
            PlanColumnKind.Functionality => [PlanWords.Functionality(value as FunctionalityRef)],
            PlanColumnKind.Source => From(w, value as SourceRef),
            PlanColumnKind.Span => value is DateSpan span ? [span.Start, span.End] : [null, null],
            PlanColumnKind.Date => [value as DateOnly?],
            _ => [w.Text(value)],
        };
        var columns = section.Columns.SelectMany(Titles).ToArray();
        var rows = section.Rows(plan).Select(row => row.SelectMany((value, c) => Values(section.Columns[c], value)).ToArray()).ToList();
        return new Sheet(name, columns, rows);
    }

    private static Sheet RoadmapSheet(Plan plan, PlanWords w)
    {
        var roadmap = plan.Roadmap.SelectMany(r =>
            (r.Steps.Count == 0 ? [null] : r.Steps.Cast<RoadmapStep?>()).Select(s => (object?[])
            [
                .. Where(r.ServiceLine, r.Functionality), r.Functionality?.Wave, r.Name, r.Description,
                s is null ? "" : w.Kind("kind", s.Kind), s?.Text ?? "", s?.Start, s?.End, r.GoesLive, .. From(w, s?.Source ?? r.Source),
            ])).ToList();
        return new(w["export.sheet.roadmap"],
            [Area(w), Code(w), Line(w), Functionality(w), new(w["export.col.wave"], 7, Kind.Number), new(w["export.col.service"], 30),
                new(w["export.col.description"], 30), new(w["export.col.kind"], 14), new(w["export.col.step"], 30),
                new(w["export.col.start"], 12, Kind.Date), new(w["export.col.end"], 12, Kind.Date), new(w["export.col.goes_live"], 12, Kind.Date),
                Worksheet(w), Section(w)],
            roadmap);
    }

    private static IEnumerable<Sheet> GoalSheets(Plan plan, PlanWords w)
    {
        var goals = plan.Goals.SelectMany(g =>
            g.Goals.Select(n => (Kind: "goal", Note: n)).Concat(g.Baseline.Select(n => (Kind: "baseline", Note: n)))
                .Concat(g.Target.Select(n => (Kind: "target", Note: n)))
                .Select(x => (object?[])[.. Where(g.ServiceLine, g.Functionality), w.Kind("kind", x.Kind), x.Note.Text, .. From(w, x.Note.Source)]))
            .ToList();
        yield return new(w["export.sheet.goals"],
            [Area(w), Code(w), Line(w), Functionality(w), new(w["export.col.kind"], 18), new(w["export.col.goal"], 60), Worksheet(w), Section(w)],
            goals);
        yield return new(w["export.sheet.metrics"],
            [new(w["export.col.metric"], 30), new(w["export.col.unit"], 12), new(w["export.col.direction"], 18),
                new(w["export.col.baseline"], 40), new(w["export.col.target"], 40), Area(w), Code(w), Line(w), Functionality(w),
                new(w["export.col.definition"], 40), new(w["export.col.data_source"], 24), Worksheet(w), Section(w)],
            plan.Goals.SelectMany(g => g.Metrics.Select(m => (object?[])
            [
                m.Name, m.Unit, w.Direction(m.Direction), string.Join("\n", m.Baseline.Select(n => n.Text)),
                string.Join("\n", m.Target.Select(n => n.Text)), .. Where(g.ServiceLine, g.Functionality), m.Definition, m.DataSource,
                .. From(w, m.Source),
            ])).ToList());
    }

    /// <summary>
    /// A sheet written straight into its part: the settings around the data as the SDK's typed elements, the rows as
    /// fixed markup around each cell's reference and value (a county plan has some 100,000 cells).
    /// </summary>
    private static void Worksheet(XmlWriter xml, Sheet sheet, SharedStrings strings, bool selected)
    {
        xml.WriteStartDocument(true);
        xml.WriteStartElement("x", "worksheet", Namespace);
        new SheetDimension { Reference = Range(sheet, absolute: false) }.WriteTo(xml);
        new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        {
            TabSelected = selected, WorkbookViewId = 0,
        }).WriteTo(xml);
        new SheetFormatProperties { DefaultRowHeight = 15 }.WriteTo(xml);
        new Columns(sheet.Columns.Select((column, i) => new DocumentFormat.OpenXml.Spreadsheet.Column
        {
            Min = (uint)(i + 1), Max = (uint)(i + 1), Width = column.Width, CustomWidth = true,
        })).WriteTo(xml);

        var cells = new CellWriter(xml, sheet.Columns.Length);
        xml.WriteRaw("<x:sheetData>");
        cells.StartRow(1);
        for (var c = 0; c < sheet.Columns.Length; c++)
            cells.Write(c, HeaderCell, strings.Index(sheet.Columns[c].Title));
        cells.EndRow();
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            cells.StartRow(r + 2);
            var values = sheet.Rows[r];
            for (var c = 0; c < sheet.Columns.Length; c++)
            {
                // Blank values get no cell at all: an empty date is not 0 (= 1899-12-30).
                switch (values[c])
                {
                    case DateOnly date:
                        cells.Write(c, DateCell, Serial(date));
                        break;
                    case int number:
                        cells.Write(c, NumberCell, number);
                        break;
                    case string { Length: > 0 } text:
                        cells.Write(c, TextCell, strings.Index(text));
                        break;
                }
            }
            cells.EndRow();
        }
        xml.WriteRaw("</x:sheetData>");
        new AutoFilter { Reference = Range(sheet, absolute: false) }.WriteTo(xml);
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    // What follows a cell's reference up to its value: the cell format and, for texts, the shared string type.
    private static readonly string HeaderCell = $"\" s=\"{HeaderStyle}\" t=\"s\"><x:v>", TextCell = $"\" s=\"{TextStyle}\" t=\"s\"><x:v>",
        DateCell = $"\" s=\"{DateStyle}\"><x:v>", NumberCell = "\"><x:v>";

    /// <summary>Cells as <c>&lt;x:c r="B7" s="3" t="s"&gt;&lt;x:v&gt;12&lt;/x:v&gt;&lt;/x:c&gt;</c>, numbers formatted without allocating.</summary>
    private sealed class CellWriter(XmlWriter xml, int columns)
    {
        private readonly string[] starts = Enumerable.Range(0, columns).Select(c => "<x:c r=\"" + Letters(c)).ToArray();
        private readonly char[] row = new char[11], number = new char[11];
        private int rowLength;

        public void StartRow(int index)
        {
            xml.WriteRaw("<x:row r=\"");
            index.TryFormat(row, out rowLength, provider: CultureInfo.InvariantCulture);
            xml.WriteRaw(row, 0, rowLength);
            xml.WriteRaw("\">");
        }

        public void Write(int column, string kind, int value)
        {
            xml.WriteRaw(starts[column]);
            xml.WriteRaw(row, 0, rowLength);
            xml.WriteRaw(kind);
            value.TryFormat(number, out var length, provider: CultureInfo.InvariantCulture);
            xml.WriteRaw(number, 0, length);
            xml.WriteRaw("</x:v></x:c>");
        }

        public void EndRow() => xml.WriteRaw("</x:row>");
    }

    /// <summary>Days since 1899-12-30, Excel's (and LibreOffice's) date serial in the 1900 date system.</summary>
    private static int Serial(DateOnly date) => date.DayNumber - new DateOnly(1899, 12, 30).DayNumber;

    private static string Range(Sheet sheet, bool absolute)
    {
        var (letters, row) = (Letters(sheet.Columns.Length - 1), (sheet.Rows.Count + 1).ToString(CultureInfo.InvariantCulture));
        return absolute ? $"$A$1:${letters}${row}" : $"A1:{letters}{row}";
    }

    /// <summary>A column's letters in a cell reference: A … Z, AA, AB …</summary>
    private static string Letters(int column)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    /// <summary>
    /// A sheet name Excel accepts: none of : \ / ? * [ ], not starting or ending with an apostrophe, at most 31
    /// characters, and unique in the workbook regardless of case.
    /// </summary>
    internal static string SheetName(string wanted, ISet<string> taken)
    {
        var name = new string(wanted.Select(c => ":\\/?*[]".Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim().Trim('\'');
        if (name.Length == 0) name = "Sheet";
        name = DisplayText.Cut(PartXml.Safe(name), MaxSheetName);
        var unique = name;
        for (var n = 2; !taken.Add(unique); n++)
        {
            var suffix = $" ({n})";
            unique = DisplayText.Cut(name, MaxSheetName - suffix.Length) + suffix;
        }
        return unique;
    }

    private static Stylesheet Stylesheet(string dateFormat) => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = dateFormat }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E2F3" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true })
            {
                NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyAlignment = true,
            },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top })
            {
                NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true, ApplyAlignment = true,
            },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true })
            {
                NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true,
            })
        { Count = 4 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    /// <summary>The shared string table, each text once; Excel's limit of 32,767 characters per cell is kept.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);
        private readonly List<string> texts = [];
        private int uses;

        public int Index(string text)
        {
            text = text.ReplaceLineEndings("\n");
            text = DisplayText.Cut(PartXml.Safe(text), 32_767);
            uses++;
            if (indexes.TryGetValue(text, out var index)) return index;
            indexes[text] = texts.Count;
            texts.Add(text);
            return texts.Count - 1;
        }

        public void Write(XmlWriter xml)
        {
            xml.WriteStartDocument(true);
            xml.WriteStartElement("x", "sst", Namespace);
            xml.WriteAttributeString("count", uses.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("uniqueCount", texts.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var text in texts)
            {
                xml.WriteRaw("<x:si><x:t xml:space=\"preserve\">");
                xml.WriteString(text);
                xml.WriteRaw("</x:t></x:si>");
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
    }
}
