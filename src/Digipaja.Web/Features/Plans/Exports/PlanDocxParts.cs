using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Digipaja.Web.Features.Plans.Exports;

/// <summary>
/// The Word document's parts other than its body: the styles the body names (headings as Word's own "heading 1"…, the
/// contents, the bullet list, table text and the table look), the numbering behind the bullet list and the settings.
/// They are the same for every plan but its language, so they are built as typed elements.
/// </summary>
internal static class PlanDocxParts
{
    public const string TableStyleId = "DigipajaTable", ListStyleId = "ListBullet";
    private const int BulletNumbering = 1;

    public static Styles Styles(string languageTag)
    {
        RunFonts Font() => new() { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri", EastAsia = "Calibri" };
        Style Heading(int level, int halfPoints, int before) => new(
            new StyleName { Val = $"heading {level}" },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new UIPriority { Val = 9 },
            new PrimaryStyle(),
            new StyleParagraphProperties(
                new KeepNext(), new KeepLines(),
                new SpacingBetweenLines { Before = before.ToString(CultureInfo.InvariantCulture), After = "120" },
                new OutlineLevel { Val = level - 1 }),
            new StyleRunProperties(new Bold(), new Color { Val = "1F3864" }, new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) }))
        { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" };

        return new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    Font(), new FontSize { Val = "22" }, new FontSizeComplexScript { Val = "22" },
                    new Languages { Val = languageTag, EastAsia = languageTag, Bidi = "ar-SA" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(
                new StyleName { Val = "Title" }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" },
                new UIPriority { Val = 10 }, new PrimaryStyle(),
                new StyleParagraphProperties(new SpacingBetweenLines { After = "240" }),
                new StyleRunProperties(new Bold(), new Color { Val = "1F3864" }, new FontSize { Val = "44" }))
            { Type = StyleValues.Paragraph, StyleId = "Title" },
            Heading(1, 32, 360), Heading(2, 26, 240), Heading(3, 22, 200),
            // Word's own names for the contents' title and entries, so an updated contents field keeps their look.
            new Style(
                new StyleName { Val = "TOC Heading" }, new BasedOn { Val = "Heading1" }, new NextParagraphStyle { Val = "Normal" },
                new UIPriority { Val = 39 }, new UnhideWhenUsed(),
                new StyleParagraphProperties(new OutlineLevel { Val = 9 }))
            { Type = StyleValues.Paragraph, StyleId = "TOCHeading" },
            new Style(
                new StyleName { Val = "toc 1" }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" },
                new UIPriority { Val = 39 }, new UnhideWhenUsed(),
                new StyleParagraphProperties(new SpacingBetweenLines { After = "60" }))
            { Type = StyleValues.Paragraph, StyleId = "TOC1" },
            new Style(
                new StyleName { Val = "List Bullet" }, new BasedOn { Val = "Normal" }, new UIPriority { Val = 36 }, new PrimaryStyle(),
                new StyleParagraphProperties(
                    new NumberingProperties(new NumberingId { Val = BulletNumbering }),
                    new SpacingBetweenLines { After = "60" },
                    new Indentation { Left = "360", Hanging = "360" }))
            { Type = StyleValues.Paragraph, StyleId = ListStyleId },
            new Style(
                new StyleName { Val = "Table Text" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
                new StyleParagraphProperties(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                new StyleRunProperties(new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" }))
            { Type = StyleValues.Paragraph, StyleId = "TableText", CustomStyle = true },
            new Style(
                new StyleName { Val = "Table Note" }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
                new StyleParagraphProperties(new SpacingBetweenLines { Before = "120" }),
                new StyleRunProperties(new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" }))
            { Type = StyleValues.Paragraph, StyleId = "TableNote", CustomStyle = true },
            new Style(
                new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 }, new SemiHidden(), new UnhideWhenUsed(),
                new StyleTableProperties(
                    new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                    new TableCellMarginDefault(
                        new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = "TableNormal", Default = true },
            new Style(
                new StyleName { Val = "Digipaja Table" }, new BasedOn { Val = "TableNormal" }, new UIPriority { Val = 59 },
                new StyleTableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" },
                        new LeftBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" },
                        new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" },
                        new RightBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" },
                        new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" }),
                    new TableCellMarginDefault(
                        new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = TableStyleId, CustomStyle = true });
    }

    public static Numbering Numbering() => new(
        new AbstractNum(
            new MultiLevelType { Val = MultiLevelValues.SingleLevel },
            new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new ParagraphStyleIdInLevel { Val = ListStyleId },
                new LevelText { Val = "•" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "360", Hanging = "360" }))
            { LevelIndex = 0 })
        { AbstractNumberId = 1 },
        new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = BulletNumbering });

    public static Settings Settings(string languageTag) => new(
        new DefaultTabStop { Val = 708 },
        new CharacterSpacingControl { Val = CharacterSpacingValues.DoNotCompress },
        // Word 2013+ layout, so Word does not open the file in compatibility mode.
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15",
        }),
        new ThemeFontLanguages { Val = languageTag });
}
