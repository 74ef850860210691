using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;

namespace Digipaja.Core.Tests.Worksheets;

public sealed class TemplateEditsTests
{
    private static TemplateDefinition Template() => new()
    {
        Key = "functionality",
        Name = new LocalizedText { ["fi"] = "Toiminnallisuus", ["sv"] = "Funktionalitet" },
        Sections =
        [
            new() { Key = "basics", Title = T("Perustiedot"), Cells = [new() { Key = "service-name", Kind = CellKind.RowNotes, Title = T("Nimi") }, new() { Key = "goals", Title = T("Tavoitteet") }] },
            new() { Key = "path", Title = T("Polku"), Cells = [new() { Key = "development-path", Kind = CellKind.Path, Title = T("Polku") }] },
        ],
    };

    private static LocalizedText T(string fi) => new() { ["fi"] = fi };

    [Fact]
    public void A_new_section_comes_last_with_a_first_cell_to_write_in()
    {
        var template = Template();

        Assert.Null(TemplateEdits.AddSection(template, " risks ", T("Riskit")));

        var section = template.Sections[^1];
        Assert.Equal("risks", section.Key);
        var cell = Assert.Single(section.Cells);
        Assert.Equal(("risks-notes", CellKind.Notes, "Riskit"), (cell.Key, cell.Kind, cell.Title.In("fi")));
        Assert.Empty(template.Problems());
    }

    [Theory]
    [InlineData("basics")]
    [InlineData("goals")]
    [InlineData("risks")]
    public void A_new_key_may_not_repeat_a_sections_or_a_cells_key(string key)
    {
        var template = Template();
        TemplateEdits.AddSection(template, "risks", T("Riskit"));
        var sections = template.Sections.Count;

        Assert.Equal(new FieldError("Key", "template.duplicate_key"), TemplateEdits.AddSection(template, key, T("Toinen")));
        Assert.Equal(sections, template.Sections.Count);
    }

    [Fact]
    public void A_section_whose_first_cell_would_take_an_existing_cells_key_is_refused()
    {
        var template = Template();
        TemplateEdits.AddCell(template, "basics", "extra-notes", CellKind.Notes, T("Lisää"), []);

        Assert.Equal("template.duplicate_key", TemplateEdits.AddSection(template, "extra", T("Lisää"))?.MessageKey);
    }

    [Theory]
    [InlineData(null, "validation.required")]
    [InlineData("  ", "validation.required")]
    [InlineData("kaksi sanaa", "validation.key_format")]
    public void A_new_key_must_be_well_formed(string? key, string error) =>
        Assert.Equal(new FieldError("Key", error), TemplateEdits.AddCell(Template(), "basics", key, CellKind.Notes, T("Uusi"), []));

    [Fact]
    public void A_new_cell_comes_last_in_its_section()
    {
        var template = Template();

        Assert.Null(TemplateEdits.AddCell(template, "basics", "channels", CellKind.Tasks, T("Kanavat"), T("Vihje")));

        var cell = template.Sections[0].Cells[^1];
        Assert.Equal(("channels", CellKind.Tasks, "Vihje"), (cell.Key, cell.Kind, cell.Hint.In("fi")));
    }

    [Fact]
    public void A_cell_is_not_added_to_a_section_that_is_not_there() =>
        Assert.Equal(new FieldError("", "template.unknown_part"), TemplateEdits.AddCell(Template(), "nowhere", "channels", CellKind.Notes, T("Kanavat"), []));

    [Fact]
    public void The_last_cell_of_a_section_and_the_last_section_stay()
    {
        var template = Template();

        Assert.Equal("template.last_cell", TemplateEdits.RemoveCell(template, "development-path")?.MessageKey);
        Assert.Null(TemplateEdits.RemoveSection(template, "path"));
        Assert.Equal("template.last_section", TemplateEdits.RemoveSection(template, "basics")?.MessageKey);
        Assert.Null(TemplateEdits.RemoveCell(template, "goals"));
        Assert.Equal(["service-name"], template.Cells.Select(c => c.Key));
    }

    [Fact]
    public void Removing_what_is_not_there_is_refused()
    {
        var template = Template();

        Assert.Equal("template.unknown_part", TemplateEdits.RemoveCell(template, "nowhere")?.MessageKey);
        Assert.Equal("template.unknown_part", TemplateEdits.RemoveSection(template, "nowhere")?.MessageKey);
        Assert.Equal(2, template.Sections.Count);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    [InlineData(-1, false)]
    public void A_section_has_no_ideation_or_one_of_an_hour_at_most(int minutes, bool allowed) =>
        Assert.Equal(allowed, TemplateEdits.CheckIdeationMinutes("IdeationMinutes", minutes) is null);

    [Fact]
    public void A_copy_is_a_first_version_under_its_own_key_and_named_apart_in_every_language()
    {
        var source = Template();
        source.Version = 4;

        var copy = TemplateEdits.CopyOf(source, "functionality-a1b2c3");

        Assert.Equal(("functionality-a1b2c3", 1), (copy.Key, copy.Version));
        Assert.Equal(("Toiminnallisuus (2)", "Funktionalitet (2)"), (copy.Name.In("fi"), copy.Name.In("sv")));
        Assert.Equal(source.Cells.Select(c => c.Key), copy.Cells.Select(c => c.Key));
        copy.Sections.RemoveAt(0);
        Assert.Equal(("functionality", 4, "Toiminnallisuus", 2), (source.Key, source.Version, source.Name.In("fi"), source.Sections.Count));
    }
}
