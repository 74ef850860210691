using System.Text.Json;
using System.Text.Json.Serialization;
using Digipaja.Core.Catalogue;

namespace Digipaja.Web.Data;

/// <summary>
/// The demo installation as data, shipped beside the built-in templates (Features/Worksheets/BuiltIn/demo-*.json): the
/// demo counties with their organisation, functionalities and metrics (<see cref="DemoData"/> seeds them), and what the
/// demo workshops wrote into three service lines' worksheets (<see cref="DemoPlans"/> writes it).
/// </summary>
public static class DemoContent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        // The files say why a gap is left in the demo on purpose.
        ReadCommentHandling = JsonCommentHandling.Skip,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    // After the options: static fields are set in the order they are written.
    public static readonly DemoCounties Counties = Read<DemoCounties>("demo-counties.json");
    public static readonly DemoWorkshops Plans = Read<DemoWorkshops>("demo-plans.json");

    private static T Read<T>(string file)
    {
        using var stream = typeof(DemoContent).Assembly.GetManifestResourceStream($"Digipaja.Web.Features.Worksheets.BuiltIn.{file}")
            ?? throw new InvalidOperationException($"Demo content {file} is missing.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"Demo content {file} is empty.");
    }
}

public sealed record DemoCounties(DemoCounty[] Counties, DemoFunctionality[] Functionalities, DemoMetric[] Metrics);

public sealed record DemoCounty(string Slug, string Name, DemoArea[] Areas);

public sealed record DemoArea(string Code, string Name, DemoLineName[] Lines);

public sealed record DemoLineName(string Code, string Name);

public sealed record DemoFunctionality(string Key, string Name, int Wave);

public sealed record DemoMetric(string Name, string Definition, string Unit, MetricDirection Direction, string DataSource);

public sealed record DemoWorkshops(DemoLine[] Lines);

/// <summary>A demo service line's series: its name, when its first workshop is held, and what its worksheets hold.</summary>
public sealed record DemoLine(string Code, string Series, DateTime FirstWorkshop, DemoWorksheet[] Worksheets, DemoWorksheet Change);

/// <summary>A functionality's worksheet (or, without a functionality, the change worksheet): its services, then its cells in the order written.</summary>
public sealed record DemoWorksheet(DemoCell[] Cells, string? Functionality = null, DemoService[]? Services = null);

/// <summary>A service row: its name, description and process, and its development path.</summary>
public sealed record DemoService(string Name, string Description, string Process, DemoStep[] Path);

public enum DemoStepKind
{
    Phase,
    Milestone,
    /// <summary>The milestone on which the service goes live: the plan's go-live date of the service.</summary>
    GoLive,
}

public sealed record DemoStep(DemoStepKind Kind, string Text, DateOnly Start, DateOnly? End = null);

/// <summary>What was written into one cell: notes, metrics of the library with their data, or tasks.</summary>
public sealed record DemoCell(string Cell, string[]? Notes = null, DemoMeasure[]? Metrics = null, DemoWork[]? Tasks = null);

/// <summary>A metric of the library with where its baseline and target data come from.</summary>
public sealed record DemoMeasure(string Metric, string[] Baseline, string[] Target);

/// <summary>A task or a thing given up, and the index of the service it is about; an empty owner or a missing date is a gap the plan shows.</summary>
public sealed record DemoWork(string Text, string Owner, DateOnly? Due, int? Service = null);
