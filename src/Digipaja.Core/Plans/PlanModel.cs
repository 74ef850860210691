using Digipaja.Core.Common;

namespace Digipaja.Core.Plans;

/// <summary>
/// The level a plan covers: each service line has its plan, an area's plan merges the plans of its lines, and the county
/// plan merges them all into one county-wide deployment plan.
/// </summary>
public enum PlanLevel
{
    County = 1,
    ServiceArea = 2,
    ServiceLine = 3,
}

public sealed record PlanScope(PlanLevel Level, Guid Id, string Code, string Name);

public sealed record LineRef(Guid Id, string Code, string Name, Guid AreaId, string AreaCode, string AreaName);

public sealed record FunctionalityRef(string Key, string Name, int Wave);

/// <summary>Where a fact of the plan was written: the worksheet, its section and cell, and the item itself.</summary>
public sealed record SourceRef(Guid WorksheetId, string WorksheetTitle, Guid SeriesId, string SectionKey, string CellKey, Guid? ItemId);

/// <summary>A note of a worksheet as the plan shows it.</summary>
public sealed record PlanNote(Guid Id, string Text, string Group, string Tag, string Service, SourceRef Source);

/// <summary>
/// One step on a service's development path: a phase, a milestone, the service's go-live milestone ("go-live"), or a
/// task or thing given up tied to the service (undated ones have no Start).
/// </summary>
public sealed record RoadmapStep(Guid Id, string Kind, string Text, DateOnly? Start, DateOnly? End, SourceRef Source);

/// <summary>
/// One service of a line on the roadmap: a row of a functionality worksheet (its id is the row's id) with its development
/// path. It goes live on the date of its go-live milestone; without one it has no go-live date.
/// </summary>
public sealed record RoadmapService(
    Guid Id, LineRef ServiceLine, FunctionalityRef? Functionality, int Row, string Name, string Description, string Process,
    DateOnly? Start, DateOnly? GoesLive, IReadOnlyList<RoadmapStep> Steps, SourceRef Source);

/// <summary>A use case or a target group to deploy, with the customer-guidance stage it belongs to.</summary>
public sealed record UseCase(Guid Id, LineRef ServiceLine, FunctionalityRef? Functionality, string Kind, string Text, string Service, SourceRef Source);

/// <summary>
/// Development work that starts: a task, a thing given up, or an open question; ServiceId is the service row it is
/// tied to (and Service that service's name), if any.
/// </summary>
public sealed record WorkItem(
    Guid Id, LineRef ServiceLine, FunctionalityRef? Functionality, string Kind, string Text, string Owner,
    DateOnly? Due, DateOnly? Start, DateOnly? End, SourceRef Source, Guid? ServiceId = null, string Service = "");

public sealed record PlanMetric(
    Guid Id, string Name, string Unit, string Direction, string Definition, string DataSource,
    IReadOnlyList<PlanNote> Baseline, IReadOnlyList<PlanNote> Target, SourceRef Source);

/// <summary>The goals of one functionality in one line, with the metrics that follow them and their data.</summary>
public sealed record GoalSet(
    Guid WorksheetId, LineRef ServiceLine, FunctionalityRef? Functionality, IReadOnlyList<PlanNote> Goals,
    IReadOnlyList<PlanMetric> Metrics, IReadOnlyList<PlanNote> Baseline, IReadOnlyList<PlanNote> Target, SourceRef Source);

/// <summary>Any other cell of the worksheets: customers, operations, the change story, communication and resourcing.</summary>
public sealed record PlanEntry(LineRef ServiceLine, FunctionalityRef? Functionality, string SectionKey, string CellKey, PlanNote Note);

/// <summary>One of the toolkit's key questions, answered by the cells that speak to it.</summary>
public sealed record KeyQuestion(string Key, IReadOnlyList<string> CellKeys, IReadOnlyList<PlanEntry> Answers);

/// <summary>
/// A plan as assembled from the worksheets at one moment. The same shape is stored as a published version, so
/// it holds names and texts, never references that could change later.
/// </summary>
public sealed record Plan(
    PlanScope Scope,
    DateTime AssembledAt,
    IReadOnlyList<LineRef> ServiceLines,
    IReadOnlyList<FunctionalityRef> Functionalities,
    IReadOnlyList<RoadmapService> Roadmap,
    IReadOnlyList<UseCase> UseCases,
    IReadOnlyList<WorkItem> DevelopmentWork,
    IReadOnlyList<GoalSet> Goals,
    IReadOnlyList<PlanEntry> Customers,
    IReadOnlyList<PlanEntry> Operations,
    IReadOnlyList<PlanEntry> Change,
    IReadOnlyList<KeyQuestion> KeyQuestions,
    IReadOnlyList<PlanGap> Gaps,
    IReadOnlyDictionary<string, LocalizedText> Labels);
