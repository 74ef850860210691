namespace Digipaja.Core.Plans;

/// <summary>A term of the app's texts that names a kind of thing in the reader's language (text key "export.{Group}.{Key}").</summary>
public sealed record PlanTerm(string Group, string Key);

/// <summary>A section or cell of the worksheets, named by the title its template gave it (the plan keeps those titles).</summary>
public sealed record PlanLabel(string Prefix, string Key)
{
    public static PlanLabel Section(string key) => new("section", key);

    public static PlanLabel Cell(string key) => new("cell", key);
}

/// <summary>When something runs, as a start and an end that may each be missing.</summary>
public readonly record struct DateSpan(DateOnly? Start, DateOnly? End);

/// <summary>
/// What a column holds, which decides how each form shows it. Text holds a string, a <see cref="PlanTerm"/> or a
/// <see cref="PlanLabel"/>; the others hold a DateOnly?, a <see cref="DateSpan"/>, a <see cref="LineRef"/>, a
/// FunctionalityRef? or a SourceRef?. A document writes a line, span or source in one cell; the workbook spreads
/// them over several columns (area, code and name; start and end; worksheet and section) so they sort and filter.
/// </summary>
public enum PlanColumnKind
{
    Text,
    Date,
    Span,
    Line,
    Functionality,
    Source,
}

/// <summary>
/// A column of a section's table: the text key of its title, what it holds, its share of a document's width (Weight)
/// and its width in a workbook (Width, in characters), and how the value is read from one of the section's items.
/// </summary>
public sealed record PlanColumn(string Title, PlanColumnKind Kind, int Weight, double Width, Func<object, object?> Value)
{
    public static PlanColumn Of<T>(string title, PlanColumnKind kind, int weight, double width, Func<T, object?> value) =>
        new(title, kind, weight, width, item => value((T)item));
}

/// <summary>
/// A section of a plan, as the plan page (and its PDF print), the Word document and the workbook all show it: its key
/// (the page's anchor is "plan-{key}"), the text key of its heading, the toolkit output it answers (1–4, numbered on
/// the page) and the part of the plan it lists. A section with Columns is a table that the document writes as it is,
/// and the workbook too when it names a Sheet; the others are drawn by each form in its own way.
/// </summary>
public sealed record PlanSection(string Key, string Heading, Func<Plan, IReadOnlyList<object>> Part)
{
    public int? Output { get; init; }

    /// <summary>The text key of the workbook sheet the table goes on, when it has one of its own.</summary>
    public string? Sheet { get; init; }

    public IReadOnlyList<PlanColumn> Columns { get; init; } = [];

    public string Anchor => "plan-" + Key;

    /// <summary>The section's table: a row per item of its part, the columns' values in order.</summary>
    public IEnumerable<object?[]> Rows(Plan plan) =>
        Part(plan).Select(item => Columns.Select(column => column.Value(item)).ToArray());
}

/// <summary>
/// The sections of a plan in the order every form shows them. A new kind of content (deployment, local routing,
/// metric follow-up, a slide deck's pages) is a new section here: with Columns it shows in the documents at once; the
/// page draws it in its own case of _PlanBody.
/// </summary>
public static class PlanSections
{
    public const string RoadmapKey = "roadmap", UseCasesKey = "use-cases", WorkKey = "work", GoalsKey = "goals",
        QuestionsKey = "questions", CustomersKey = "customers", OperationsKey = "operations", ChangeKey = "change", GapsKey = "gaps";

    private static PlanColumn Line<T>(Func<T, LineRef> line) => PlanColumn.Of("export.col.line", PlanColumnKind.Line, 2, 0, line);

    private static PlanColumn Functionality<T>(Func<T, FunctionalityRef?> functionality) =>
        PlanColumn.Of("export.col.functionality", PlanColumnKind.Functionality, 3, 0, functionality);

    private static PlanColumn Source<T>(int weight, Func<T, SourceRef?> source) =>
        PlanColumn.Of("export.col.source", PlanColumnKind.Source, weight, 0, source);

    private static PlanColumn Text<T>(string title, int weight, double width, Func<T, object?> text) =>
        PlanColumn.Of(title, PlanColumnKind.Text, weight, width, text);

    public static readonly PlanSection Roadmap = new(RoadmapKey, "plan.roadmap", p => p.Roadmap) { Output = 1 };

    public static readonly PlanSection UseCases = new(UseCasesKey, "plan.use_cases", p => p.UseCases)
    {
        Output = 2,
        Sheet = "export.sheet.use_cases",
        Columns =
        [
            Line<UseCase>(u => u.ServiceLine), Functionality<UseCase>(u => u.Functionality),
            Text<UseCase>("export.col.kind", 2, 22, u => new PlanTerm("kind", u.Kind)), Text<UseCase>("export.col.text", 4, 50, u => u.Text),
            Text<UseCase>("export.col.service", 2, 30, u => u.Service), Source<UseCase>(2, u => u.Source),
        ],
    };

    public static readonly PlanSection Work = new(WorkKey, "plan.work", p => p.DevelopmentWork)
    {
        Output = 3,
        Sheet = "export.sheet.tasks",
        Columns =
        [
            Line<WorkItem>(t => t.ServiceLine), Functionality<WorkItem>(t => t.Functionality),
            Text<WorkItem>("export.col.kind", 2, 18, t => new PlanTerm("kind", t.Kind)), Text<WorkItem>("export.col.text", 4, 50, t => t.Text),
            Text<WorkItem>("export.col.owner", 2, 20, t => t.Owner),
            PlanColumn.Of<WorkItem>("export.col.due", PlanColumnKind.Date, 2, 12, t => t.Due),
            PlanColumn.Of<WorkItem>("export.col.schedule", PlanColumnKind.Span, 2, 12, t => new DateSpan(t.Start, t.End)),
            Source<WorkItem>(2, t => t.Source),
        ],
    };

    public static readonly PlanSection Goals = new(GoalsKey, "plan.goals", p => p.Goals) { Output = 4 };

    public static readonly PlanSection Questions = new(QuestionsKey, "plan.questions", p => p.KeyQuestions);

    public static readonly PlanSection Customers = Entries(CustomersKey, "plan.customers", p => p.Customers);

    public static readonly PlanSection Operations = Entries(OperationsKey, "plan.operations", p => p.Operations);

    public static readonly PlanSection Change = Entries(ChangeKey, "plan.change", p => p.Change);

    public static readonly PlanSection Gaps = new(GapsKey, "plan.gaps", p => p.Gaps)
    {
        Sheet = "export.sheet.gaps",
        Columns =
        [
            Text<PlanGap>("export.col.kind", 3, 34, g => new PlanTerm("gap", g.Kind)), Line<PlanGap>(g => g.ServiceLine),
            Functionality<PlanGap>(g => g.Functionality), Text<PlanGap>("export.col.subject", 4, 40, PlanGaps.Subject),
            Source<PlanGap>(3, g => g.Source),
        ],
    };

    public static readonly IReadOnlyList<PlanSection> All = [Roadmap, UseCases, Work, Goals, Questions, Customers, Operations, Change, Gaps];

    /// <summary>The worksheets' other notes (customers, operations, the change story), each under the cell it was written in.</summary>
    private static PlanSection Entries(string key, string heading, Func<Plan, IReadOnlyList<PlanEntry>> entries) => new(key, heading, entries)
    {
        Columns =
        [
            Line<PlanEntry>(e => e.ServiceLine), Functionality<PlanEntry>(e => e.Functionality),
            Text<PlanEntry>("export.col.topic", 3, 0, e => PlanLabel.Cell(e.CellKey)), Text<PlanEntry>("export.col.text", 5, 0, e => e.Note.Text),
            Source<PlanEntry>(2, e => e.Note.Source),
        ],
    };
}
