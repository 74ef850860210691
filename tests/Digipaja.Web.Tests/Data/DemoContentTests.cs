using Digipaja.Core.Plans;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;

namespace Digipaja.Web.Tests.Data;

/// <summary>The demo's data files against what the code that seeds them expects, without a database.</summary>
public sealed class DemoContentTests
{
    private static readonly BuiltInContent BuiltIn = new();
    private static readonly DemoCounties Counties = DemoContent.Counties;
    private static readonly DemoLine[] Lines = DemoContent.Plans.Lines;

    [Fact]
    public void The_demo_counties_hold_the_organisation_functionalities_and_metrics_with_unique_keys()
    {
        Assert.Equal([DemoPlans.County, "toinen"], Counties.Counties.Select(c => c.Slug));
        var west = Counties.Counties[0];
        Assert.Equal(5, west.Areas.Length);
        Assert.Equal(15, west.Areas.Sum(a => a.Lines.Length));
        foreach (var county in Counties.Counties)
            Assert.Distinct(county.Areas.SelectMany(a => a.Lines).Select(l => l.Code));
        Assert.Distinct(Counties.Functionalities.Select(f => f.Key));
        Assert.Distinct(Counties.Metrics.Select(m => m.Name));
        Assert.All(Counties.Functionalities, f => Assert.InRange(f.Wave, 1, Core.Catalogue.Functionality.MaxWave));
    }

    [Fact]
    public void Every_demo_user_belongs_to_a_demo_county() =>
        Assert.All(DemoData.Users, u => Assert.Contains(u.County, Counties.Counties.Select(c => c.Slug)));

    [Fact]
    public void Each_demo_line_is_a_line_of_the_demo_county_with_a_series_of_its_own()
    {
        var codes = Counties.Counties.Single(c => c.Slug == DemoPlans.County).Areas.SelectMany(a => a.Lines).Select(l => l.Code).ToList();

        Assert.Equal(["AVO", "STH", "KAT"], Lines.Select(l => l.Code));
        Assert.All(Lines, l => Assert.Contains(l.Code, codes));
        Assert.Distinct(DemoPlans.SeriesNames);
        Assert.All(Lines, l => Assert.Equal(DateTimeKind.Utc, l.FirstWorkshop.Kind));
    }

    [Fact]
    public void Every_demo_worksheet_is_of_a_known_functionality_and_writes_only_into_cells_of_its_template()
    {
        var functionalities = Counties.Functionalities.Select(f => f.Key).ToList();
        foreach (var line in Lines)
        {
            Assert.Distinct(line.Worksheets.Select(w => w.Functionality));
            foreach (var sheet in line.Worksheets)
            {
                Assert.Contains(sheet.Functionality, functionalities);
                CellsFit(BuiltIn.Functionality, sheet);
            }
            Assert.Null(line.Change.Functionality);
            Assert.Empty(line.Change.Services ?? []);
            CellsFit(BuiltIn.Change, line.Change);
        }
    }

    [Fact]
    public void Demo_services_are_written_into_the_service_row_cells_and_the_development_path()
    {
        var template = BuiltIn.Functionality;

        Assert.All(DemoPlans.ServiceCells, key => Assert.Equal(CellKind.RowNotes, template.FindCell(key)?.Kind));
        Assert.Equal(CellKind.Path, template.FindCell(DemoPlans.PathCell)?.Kind);
        Assert.Equal(CellKind.Metrics, template.FindCell("metrics")?.Kind);
        Assert.NotNull(template.FindCell(PlanAssembler.Cells.DataBaseline));
        Assert.NotNull(template.FindCell(PlanAssembler.Cells.DataTarget));
    }

    [Fact]
    public void Every_service_has_dated_steps_and_one_go_live_and_every_task_names_a_service_of_its_worksheet()
    {
        foreach (var sheet in Lines.SelectMany(l => l.Worksheets))
        {
            var services = sheet.Services ?? [];
            Assert.NotEmpty(services);
            Assert.True(services.Length <= Worksheet.DefaultRows, $"{sheet.Functionality}: more services than a worksheet has rows");
            foreach (var service in services)
            {
                Assert.Single(service.Path, s => s.Kind == DemoStepKind.GoLive);
                Assert.All(service.Path, s => Assert.True(s.End is null || s.End >= s.Start, $"{s.Text} ends before it starts"));
                Assert.All(service.Path.Where(s => s.Kind != DemoStepKind.Phase), s => Assert.Null(s.End));
            }
            foreach (var work in sheet.Cells.SelectMany(c => c.Tasks ?? []))
                Assert.True(work.Service is null || work.Service < services.Length, $"{work.Text}: no service {work.Service}");
        }
    }

    [Fact]
    public void Demo_metrics_are_metrics_of_the_library()
    {
        var library = Counties.Metrics.Select(m => m.Name).ToList();

        Assert.All(Lines.SelectMany(l => l.Worksheets).SelectMany(w => w.Cells).SelectMany(c => c.Metrics ?? []),
            m => Assert.Contains(m.Metric, library));
    }

    /// <summary>Each cell exists in the template, holds one kind of content, and that content fits the cell's kind.</summary>
    private static void CellsFit(TemplateDefinition template, DemoWorksheet sheet)
    {
        Assert.Distinct(sheet.Cells.Select(c => c.Cell));
        foreach (var cell in sheet.Cells)
        {
            var kind = template.FindCell(cell.Cell)?.Kind;
            Assert.True(kind is not null, $"{template.Key} has no cell {cell.Cell}");
            Assert.Equal(1, new object?[] { cell.Notes, cell.Metrics, cell.Tasks }.Count(c => c is not null));
            if (cell.Metrics is not null) Assert.Equal(CellKind.Metrics, kind);
            if (cell.Tasks is not null) Assert.Equal(CellKind.Tasks, kind);
            if (cell.Notes is not null) Assert.Equal(CellKind.Notes, kind);
        }
    }
}
