namespace Digipaja.Core.Plans;

/// <summary>How much a gap holds the plan back: a note to fill in, something the next workshop should settle, or a stop.</summary>
public enum GapSeverity
{
    Info = 1,
    Warning = 2,
    Blocking = 3,
}

/// <summary>
/// Where a gap is mended: a target by name ("worksheet", later e.g. a deployment checklist item) and its id, with the
/// fragment of the page to open. The web turns the target into a page, so the plan names no addresses.
/// </summary>
public sealed record GapLink(string Target, Guid Id, string Fragment = "")
{
    public const string Worksheet = "worksheet";

    /// <summary>The worksheet section a fact was written in; its section's anchor on the worksheet page is "s-{key}".</summary>
    public static GapLink To(SourceRef source) =>
        new(Worksheet, source.WorksheetId, source.SectionKey.Length > 0 ? "s-" + source.SectionKey : "");
}

/// <summary>
/// Something missing from the plan, shown so that the next workshop can fill it: its kind (a text key "export.gap.…"),
/// how severe it is, which rule set found it (Origin), the line and functionality, what it is about (Subject), the fact
/// it concerns (Source) and where it is mended (Link). Published versions stored before severity, origin and link
/// existed read as warnings of the worksheets without a link.
/// </summary>
public sealed record PlanGap(
    string Kind, LineRef ServiceLine, FunctionalityRef? Functionality, string Subject, SourceRef? Source,
    GapSeverity Severity = GapSeverity.Warning, string Origin = WorksheetGaps.Origin, GapLink? Link = null);

/// <summary>
/// Another rule set that finds gaps in a plan, run over the assembled plan with data of its own (deployment readiness,
/// local routing, metric follow-up). Register one as a service and every plan, its page, API and exports list its gaps
/// with the worksheets' own; it may give only gaps of the plan's service lines.
/// </summary>
public interface IGapSource
{
    Task<IReadOnlyList<PlanGap>> FindAsync(Plan plan, CancellationToken ct);
}

public static class PlanGaps
{
    /// <summary>The plan with the gaps other rule sets found added after its own, in the order of the sources.</summary>
    public static async Task<Plan> AddAsync(Plan plan, IEnumerable<IGapSource> sources, CancellationToken ct)
    {
        var gaps = new List<PlanGap>(plan.Gaps);
        foreach (var source in sources)
            gaps.AddRange(await source.FindAsync(plan, ct));
        return gaps.Count == plan.Gaps.Count ? plan : plan with { Gaps = gaps };
    }

    /// <summary>A gap's subject as the documents show it: an empty section is named by its title, not its key.</summary>
    public static object Subject(PlanGap gap) => gap.Kind == WorksheetGaps.EmptySection ? PlanLabel.Section(gap.Subject) : gap.Subject;
}

/// <summary>
/// The rules the plan assembler checks the worksheets against as it reads them, each kind with its severity. A new
/// kind needs a text "export.gap.{kind with underscores}" in every language.
/// </summary>
public static class WorksheetGaps
{
    public const string Origin = "worksheets";

    public const string LineWithoutPlan = "line-without-plan", TaskWithoutOwner = "task-without-owner",
        TaskWithoutDate = "task-without-date", EmptySection = "empty-section", MetricWithoutBaseline = "metric-without-baseline",
        ServiceWithoutGoal = "service-without-goal", ServiceWithoutGoLive = "service-without-go-live";

    /// <summary>Every kind these rules give, with its severity: an empty section is a note, the rest need an answer.</summary>
    public static readonly IReadOnlyDictionary<string, GapSeverity> Kinds = new Dictionary<string, GapSeverity>
    {
        [LineWithoutPlan] = GapSeverity.Warning,
        [TaskWithoutOwner] = GapSeverity.Warning,
        [TaskWithoutDate] = GapSeverity.Warning,
        [EmptySection] = GapSeverity.Info,
        [MetricWithoutBaseline] = GapSeverity.Warning,
        [ServiceWithoutGoal] = GapSeverity.Warning,
        [ServiceWithoutGoLive] = GapSeverity.Warning,
    };

    /// <summary>A gap of these rules, linked to the worksheet section it is mended in when it has a source.</summary>
    public static PlanGap Gap(string kind, LineRef line, FunctionalityRef? functionality, string subject, SourceRef? source) =>
        new(kind, line, functionality, subject, source, Kinds[kind], Origin, source is null ? null : GapLink.To(source));
}
