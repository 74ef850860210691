using System.Buffers;
using System.Globalization;
using System.Xml;
using Digipaja.Core.Plans;
using Digipaja.Web.Localization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Digipaja.Web.Features.Plans.Exports;

/// <summary>
/// Writes a plan as a Word document, the form in which a county's staff read and pass a plan on. It takes a plan and
/// a language, not a database, so a current plan and a published version are written the same way.
/// <para>Accessibility criteria: real heading styles (Heading1–3 named "heading 1"… so Word's navigation pane and a
/// table of contents find them); every table has a caption and a header row that repeats on each page; lists are
/// numbering lists, not typed bullets; no empty paragraphs for spacing (styles give the spacing); the document
/// language is set on the defaults, the theme and the package, so screen readers and spell checkers pick it up.</para>
/// </summary>
public sealed class PlanDocx(Texts texts)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // A4 landscape with 2 cm margins, in twentieths of a point: the plan is mostly tables of five to eight columns, and
    // on a portrait page their column titles broke in the middle of words.
    private const int PageWidth = 16838, PageHeight = 11906, Margin = 1134, TextWidth = PageWidth - 2 * Margin;
    private const string TableStyleId = PlanDocxParts.TableStyleId, ListStyleId = PlanDocxParts.ListStyleId;

    public byte[] Write(Plan plan, string language)
    {
        var words = new PlanWords(texts, plan, language);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = PlanDocxParts.Styles(words.LanguageTag);
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = PlanDocxParts.Numbering();
            main.AddNewPart<DocumentSettingsPart>().Settings = PlanDocxParts.Settings(words.LanguageTag);
            using (var xml = PartXml.Create(main))
                new BodyWriter(xml, words).Document(plan);
            words.Describe(document);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The main part, written straight into the part's stream rather than built as an object tree and saved: a county
    /// plan has some 20,000 table rows, and building and saving the tree of their cells, paragraphs and runs took
    /// longer than loading the plan. The markup every row, cell, paragraph and run repeats is fixed text (the same
    /// elements the tree gave), the notes' texts go through the writer, which escapes them, and the blocks written once
    /// per table or document are the SDK's typed elements. Streaming through OpenXmlWriter instead took more than twice
    /// as long: it looks up each element's name and namespace in the SDK's metadata on every tag.
    /// </summary>
    private sealed class BodyWriter(XmlWriter xml, PlanWords w)
    {
        private const string Namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        private const string TextStart = "<w:t xml:space=\"preserve\">", TextEnd = "</w:t>", LineBreak = "<w:br />";
        private const string TableTextStart = "<w:p><w:pPr><w:pStyle w:val=\"TableText\" /></w:pPr>";
        private const string HeaderShading = "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9E2F3\" />";
        private const string LineShading = "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDF1F9\" />";
        private const string PhaseShading = "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"8EAADB\" />";

        // What ReplaceLineEndings takes for a line break: CR, LF, CRLF, NEL, FF, LS and PS.
        private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n\f\u0085\u2028\u2029");

        public void Document(Plan plan)
        {
            xml.WriteStartDocument(true);
            xml.WriteStartElement("w", "document", Namespace);
            xml.WriteStartElement("w", "body", Namespace);

            Paragraph(w.Title, "Title");
            Fact(w["export.level"], w.Level);
            Fact(w["export.assembled"], w.Date(DateOnly.FromDateTime(plan.AssembledAt)));
            if (plan.ServiceLines.Count > 0)
                Fact(w["export.service_lines"], string.Join(", ", plan.ServiceLines.Select(PlanWords.Line)));
            Paragraph(w["export.intro"]);
            Contents();

            // Every section numbered, in the plan's order; the contents list above links to each.
            for (var i = 0; i < PlanSections.All.Count; i++)
            {
                var section = PlanSections.All[i];
                Heading1(i + 1, section);
                switch (section.Key)
                {
                    case PlanSections.RoadmapKey:
                        Roadmap(plan, section);
                        break;
                    case PlanSections.GoalsKey:
                        Goals(plan);
                        break;
                    case PlanSections.QuestionsKey:
                        Questions(plan);
                        break;
                    default:
                        if (section.Columns.Count == 0)
                            throw new InvalidOperationException($"The Word document has no way to write the plan section '{section.Key}'.");
                        Table(w[section.Heading], section.Columns.Select(c => (w[c.Title], c.Weight)).ToArray(),
                            section.Rows(plan).Select(row => row.Select((value, c) => Cell(w.Value(section.Columns[c].Kind, value))).ToArray()));
                        break;
                }
            }

            new SectionProperties(
                new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = Margin, Right = Margin, Bottom = Margin, Left = Margin, Header = 567, Footer = 567, Gutter = 0 }).WriteTo(xml);
            xml.WriteEndElement(); // body
            xml.WriteEndElement(); // document
            xml.WriteEndDocument();
        }

        private void Roadmap(Plan plan, PlanSection section)
        {
            if (TimelinePeriods(plan.Roadmap) is { } timeline)
            {
                Paragraph(w["export.roadmap.timeline"], "Heading2");
                TimelineTable(timeline, plan.Roadmap);
                Paragraph(w["export.roadmap.legend"], "TableNote");
                Paragraph(w["export.roadmap.dates"], "Heading2");
            }
            Table(w[section.Heading],
                [(w["export.col.line"], 2), (w["export.col.functionality"], 3), (w["export.col.service"], 4), (w["export.col.steps"], 5),
                    (w["export.col.goes_live"], 2), (w["export.col.source"], 2)],
                plan.Roadmap.Select(r => new[]
                {
                    Cell(PlanWords.Line(r.ServiceLine)), Cell(PlanWords.Functionality(r.Functionality)), Titled(r.Name, r.Description),
                    Cell(r.Steps.Select(s => Join(w.Kind("kind", s.Kind) + ": " + s.Text, w.Span(s.Start, s.End))).ToArray()),
                    Cell(w.Date(r.GoesLive)), Cell(w.Source(r.Source)),
                }));
        }

        private void Questions(Plan plan)
        {
            foreach (var question in plan.KeyQuestions)
            {
                Paragraph(w.Kind("question", question.Key), "Heading2");
                if (question.Answers.Count == 0) Paragraph(w["export.no_answers"]);
                foreach (var answer in question.Answers)
                    Paragraph(
                        $"{answer.Note.Text} ({Join(answer.ServiceLine.Code, PlanWords.Functionality(answer.Functionality), w.Source(answer.Note.Source))})",
                        ListStyleId);
            }
        }

        private void Goals(Plan plan)
        {
            Paragraph(w["plan.goals.goals"], "Heading2");
            Table(w["plan.goals.goals"],
                [(w["export.col.line"], 2), (w["export.col.functionality"], 3), (w["export.col.goal"], 6), (w["export.col.source"], 3)],
                plan.Goals.SelectMany(g => g.Goals.Select(n => new[]
                {
                    Cell(PlanWords.Line(g.ServiceLine)), Cell(PlanWords.Functionality(g.Functionality)), Cell(n.Text), Cell(w.Source(n.Source)),
                })));

            Paragraph(w["export.goals.metrics"], "Heading2");
            Table(w["export.goals.metrics"],
                [(w["export.col.line"], 2), (w["export.col.functionality"], 3), (w["export.col.metric"], 3), (w["export.col.unit"], 1),
                    (w["export.col.direction"], 2), (w["export.col.baseline"], 3), (w["export.col.target"], 3), (w["export.col.source"], 2)],
                plan.Goals.SelectMany(g => g.Metrics.Select(m => new[]
                {
                    Cell(PlanWords.Line(g.ServiceLine)), Cell(PlanWords.Functionality(g.Functionality)),
                    Titled(m.Name, m.Definition), Cell(m.Unit), Cell(w.Direction(m.Direction)),
                    Cell(m.Baseline.Select(n => n.Text).ToArray()), Cell(m.Target.Select(n => n.Text).ToArray()), Cell(w.Source(m.Source)),
                })));

            // Baseline and target data that names no metric is still the county's data: it is listed, not dropped.
            var data = plan.Goals.SelectMany(g => g.Baseline.Select(n => (g, Kind: "baseline", n)).Concat(g.Target.Select(n => (g, Kind: "target", n))))
                .ToList();
            if (data.Count == 0) return;
            Paragraph(w["export.goals.data"], "Heading2");
            Table(w["export.goals.data"],
                [(w["export.col.line"], 2), (w["export.col.functionality"], 3), (w["export.col.kind"], 2), (w["export.col.text"], 5),
                    (w["export.col.source"], 3)],
                data.Select(d => new[]
                {
                    Cell(PlanWords.Line(d.g.ServiceLine)), Cell(PlanWords.Functionality(d.g.Functionality)), Cell(w.Kind("kind", d.Kind)),
                    Cell(d.n.Text), Cell(w.Source(d.n.Source)),
                }));
        }

        private static string Join(params string[] parts) => string.Join(", ", parts.Where(p => p.Length > 0));

        private static CellText Cell(params string[] paragraphs) => new(paragraphs, Titled: false);

        /// <summary>A cell led by a bold name (a service, a metric) with its description below, if it has one.</summary>
        private static CellText Titled(string name, string description) =>
            new(description.Length > 0 ? [name, description] : [name], Titled: name.Length > 0);

        private static string Bookmark(int section) => $"_TocSection{section}";

        /// <summary>
        /// A heading with the bookmark the contents list links to. Word's own table of contents marks its headings the
        /// same way, so updating the contents field in Word keeps working links.
        /// </summary>
        private void Heading1(int number, PlanSection section)
        {
            xml.WriteRaw($"<w:p><w:pPr><w:pStyle w:val=\"Heading1\" /></w:pPr><w:bookmarkStart w:id=\"{number}\" w:name=\"{Bookmark(number)}\" />");
            Runs($"{number}. {w[section.Heading]}");
            xml.WriteRaw($"<w:bookmarkEnd w:id=\"{number}\" /></w:p>");
        }

        /// <summary>
        /// The contents: a TOC field (headings of level 1, as links, without page numbers, which only Word's layout
        /// knows) whose result is already written, so the list is there when the file opens and Word can still update it.
        /// </summary>
        private void Contents()
        {
            xml.WriteRaw("<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\" /><w:docPartUnique /></w:docPartObj></w:sdtPr><w:sdtContent>");
            Paragraph(w["plan.contents"], "TOCHeading");
            var sections = PlanSections.All;
            for (var i = 1; i <= sections.Count; i++)
            {
                xml.WriteRaw("<w:p><w:pPr><w:pStyle w:val=\"TOC1\" /></w:pPr>");
                if (i == 1)
                    xml.WriteRaw("<w:r><w:fldChar w:fldCharType=\"begin\" /></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-1\" \\h \\z \\n </w:instrText></w:r>"
                        + "<w:r><w:fldChar w:fldCharType=\"separate\" /></w:r>");
                xml.WriteRaw($"<w:hyperlink w:anchor=\"{Bookmark(i)}\" w:history=\"1\">");
                Runs($"{i}. {w[sections[i - 1].Heading]}");
                xml.WriteRaw("</w:hyperlink>");
                if (i == sections.Count) xml.WriteRaw("<w:r><w:fldChar w:fldCharType=\"end\" /></w:r>");
                xml.WriteRaw("</w:p>");
            }
            xml.WriteRaw("</w:sdtContent></w:sdt>");
        }

        private void Fact(string label, string value)
        {
            xml.WriteRaw("<w:p>");
            Runs(label + ": ", bold: true);
            Runs(value);
            xml.WriteRaw("</w:p>");
        }

        /// <summary>A paragraph in one of the document's own styles (their ids are constants, nothing to escape).</summary>
        private void Paragraph(string text, string? style = null)
        {
            xml.WriteRaw(style is null ? "<w:p>" : $"<w:p><w:pPr><w:pStyle w:val=\"{style}\" /></w:pPr>");
            Runs(text);
            xml.WriteRaw("</w:p>");
        }

        /// <summary>A note's own line breaks stay line breaks within its paragraph.</summary>
        private void Runs(string value, bool bold = false)
        {
            xml.WriteRaw(bold ? "<w:r><w:rPr><w:b /></w:rPr>" : "<w:r>");
            var start = 0;
            while (value.AsSpan(start).IndexOfAny(LineBreaks) is var at and >= 0)
            {
                Text(value.Substring(start, at));
                xml.WriteRaw(LineBreak);
                start += at + (value[start + at] == '\r' && start + at + 1 < value.Length && value[start + at + 1] == '\n' ? 2 : 1);
            }
            Text(start == 0 ? value : value[start..]);
            xml.WriteRaw("</w:r>");
        }

        private void Text(string value)
        {
            xml.WriteRaw(TextStart);
            xml.WriteString(PartXml.Safe(value));
            xml.WriteRaw(TextEnd);
        }

        /// <summary>
        /// A table with a caption and a repeating header row; nothing to list gives a sentence saying so, not an empty
        /// table. Columns share the text width by their weights.
        /// </summary>
        private void Table(string caption, (string Title, int Weight)[] columns, IEnumerable<CellText[]> rows)
        {
            using var next = rows.GetEnumerator();
            if (!next.MoveNext())
            {
                Paragraph(w["export.none"]);
                return;
            }
            var total = columns.Sum(c => c.Weight);
            var widths = columns.Select(c => TextWidth * c.Weight / total).ToArray();
            TableStart(caption, widths, columns.Select(c => c.Title));
            var cells = widths.Select(width => CellStart(width, "")).ToArray();
            do
            {
                xml.WriteRaw("<w:tr>");
                var values = next.Current;
                for (var i = 0; i < values.Length; i++) Cell(cells[i], values[i]);
                xml.WriteRaw("</w:tr>");
            }
            while (next.MoveNext());
            xml.WriteRaw("</w:tbl>");
        }

        /// <summary>
        /// The roadmap drawn as a table: a row per service under a row naming its line, a column per period, a phase
        /// as shaded cells and the go-live (★), milestones (◆) and scheduled tasks (○) as marks in the period they fall in. The facts
        /// table after it holds the same steps with their dates, so the shading is never the only way to read them.
        /// </summary>
        private void TimelineTable(RoadmapPeriods timeline, IReadOnlyList<RoadmapService> services)
        {
            const int LabelWidth = 3400;
            var periodWidth = (TextWidth - LabelWidth) / timeline.Count;
            var widths = new[] { LabelWidth }.Concat(Enumerable.Repeat(periodWidth, timeline.Count)).ToArray();
            TableStart(w["export.roadmap.timeline"], widths, [w["export.col.service"], .. timeline.Periods.Select(timeline.Label)]);

            var plain = CellStart(periodWidth, "");
            var phase = CellStart(periodWidth, PhaseShading);
            var label = CellStart(LabelWidth, "");
            var lineStart = $"<w:tc><w:tcPr><w:tcW w:w=\"{TextWidth}\" w:type=\"dxa\" /><w:gridSpan w:val=\"{timeline.Count + 1}\" />{LineShading}</w:tcPr>";
            foreach (var line in services.GroupBy(s => s.ServiceLine.Id))
            {
                xml.WriteRaw("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
                Cell(lineStart, new CellText([PlanWords.Line(line.First().ServiceLine)], Titled: true));
                xml.WriteRaw("</w:tr>");
                foreach (var service in line)
                {
                    xml.WriteRaw("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
                    Cell(label, Cell(w.Service(service)));
                    foreach (var (from, to) in timeline.Periods.Select(p => (p, timeline.LastDayOf(p))))
                    {
                        var steps = service.Steps.Where(s => s.Start is { } start && start <= to && (s.End ?? start) >= from).ToList();
                        var marks = string.Concat(steps.Where(s => s.Kind != "phase" && s.Start >= from).OrderBy(s => s.Start)
                            .Select(s => s.Kind switch { "go-live" => "★", "milestone" => "◆", _ => "○" }));
                        Cell(steps.Any(s => s.Kind == "phase") ? phase : plain, Cell(marks));
                    }
                    xml.WriteRaw("</w:tr>");
                }
            }
            xml.WriteRaw("</w:tbl>");
        }

        /// <summary>Opens a table: its properties with the caption, the grid and a header row repeated on every page.</summary>
        private void TableStart(string caption, int[] widths, IEnumerable<string> titles)
        {
            xml.WriteRaw("<w:tbl>");
            new TableProperties(
                new TableStyle { Val = TableStyleId },
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = false, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true },
                new TableCaption { Val = caption }).WriteTo(xml);
            new TableGrid(widths.Select(width => new GridColumn { Width = width.ToString(CultureInfo.InvariantCulture) })).WriteTo(xml);

            xml.WriteRaw("<w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>");
            foreach (var (title, width) in titles.Zip(widths))
                Cell(CellStart(width, HeaderShading), new CellText([title], Titled: true));
            xml.WriteRaw("</w:tr>");
        }

        private static string CellStart(int width, string shading) =>
            $"<w:tc><w:tcPr><w:tcW w:w=\"{width.ToString(CultureInfo.InvariantCulture)}\" w:type=\"dxa\" />{shading}</w:tcPr>";

        private void Cell(string start, CellText cell)
        {
            xml.WriteRaw(start);
            // A cell must hold a paragraph even when the fact is blank (e.g. a task with no owner yet).
            if (cell.Paragraphs.Length == 0) xml.WriteRaw(TableTextStart + "</w:p>");
            for (var i = 0; i < cell.Paragraphs.Length; i++)
            {
                xml.WriteRaw(TableTextStart);
                if (cell.Paragraphs[i].Length > 0) Runs(cell.Paragraphs[i], bold: i == 0 && cell.Titled);
                xml.WriteRaw("</w:p>");
            }
            xml.WriteRaw("</w:tc>");
        }
    }

    /// <summary>The paragraphs of a table cell; a titled cell's first paragraph is bold (a header, or a name).</summary>
    private readonly record struct CellText(string[] Paragraphs, bool Titled);

    /// <summary>
    /// The document's roadmap periods: quarters, or half-years or years when a plan spans more than twelve quarters,
    /// so the columns stay wide enough for their marks on a landscape page.
    /// </summary>
    private static RoadmapPeriods? TimelinePeriods(IReadOnlyList<RoadmapService> services)
    {
        const int MaxPeriods = 12;
        var quarters = RoadmapPeriods.For(services, 3);
        if (quarters is null || quarters.Count <= MaxPeriods) return quarters;
        var halves = RoadmapPeriods.For(services, 6)!;
        return halves.Count <= MaxPeriods ? halves : RoadmapPeriods.For(services, 12);
    }
}
