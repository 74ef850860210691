using Digipaja.Core.Catalogue;
using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;

namespace Digipaja.Core.Plans;

/// <summary>A worksheet with what the plan needs of it: its template, its lines and its visible content.</summary>
public sealed record SourceWorksheet(
    Guid Id, string Title, Guid SeriesId, string TemplateKind, TemplateDefinition Template, FunctionalityRef? Functionality,
    IReadOnlyList<LineRef> ServiceLines, IReadOnlyList<WorksheetRow> Rows, IReadOnlyList<WorksheetItem> Items);

/// <summary>Everything a plan is assembled from, already limited to the plan's scope.</summary>
public sealed record PlanSource(
    PlanScope Scope, DateTime Now, IReadOnlyList<LineRef> ServiceLines, IReadOnlyList<FunctionalityRef> Functionalities,
    IReadOnlyList<SourceWorksheet> Worksheets, IReadOnlyDictionary<Guid, Metric> Metrics);

/// <summary>
/// Builds a plan from worksheets. Every service line of the scope gets the content of the worksheets of its series,
/// so merging line plans into area and county plans is the same operation over more lines. The gaps it finds are the
/// worksheet rules' (<see cref="WorksheetGaps"/>), checked as the worksheets are read; other rule sets add theirs to
/// the assembled plan (<see cref="IGapSource"/>).
/// </summary>
public static class PlanAssembler
{
    /// <summary>Cells of the built-in templates whose content has a place of its own in the plan.</summary>
    public static class Cells
    {
        public const string UseCasesBefore = "use-cases-before", UseCasesDuring = "use-cases-during", UseCasesBetween = "use-cases-between";
        public const string ServiceName = "service-name", ServiceDescription = "service-description", ServiceProcess = "service-process";
        public const string CustomerGroups = "customer-groups";
        public const string Goals = "goals", DataBaseline = "data-baseline", DataTarget = "data-target";
        public const string OpenQuestions = "open-questions", GivenUp = "given-up";
    }

    /// <summary>The toolkit's key questions and the cells of the worksheets that answer them.</summary>
    public static readonly IReadOnlyList<(string Key, string[] CellKeys)> KeyQuestionCells =
    [
        ("who-is-affected", ["customer-groups", "professionals"]),
        ("how-differently", ["customer-changes", "customer-stays", "professional-changes", "professional-stays"]),
        ("target-state", ["goals", "story-changes"]),
        ("benefits", ["customer-value", "professional-matters", "opportunities"]),
        ("when", ["development-path:milestone"]),
        ("phasing", ["development-path:phase"]),
        ("leadership-support", ["support", "needs", "concerns"]),
        ("what-to-measure", ["metrics", "data-baseline", "data-target"]),
    ];

    public static Plan Assemble(PlanSource source)
    {
        var roadmap = new List<RoadmapService>();
        var useCases = new List<UseCase>();
        var work = new List<WorkItem>();
        var goals = new List<GoalSet>();
        var customers = new List<PlanEntry>();
        var operations = new List<PlanEntry>();
        var change = new List<PlanEntry>();
        var byCell = new Dictionary<string, List<PlanEntry>>();
        var gaps = new List<PlanGap>();
        var labels = new Dictionary<string, LocalizedText>();

        foreach (var line in source.ServiceLines)
        {
            var sheets = source.Worksheets.Where(w => w.ServiceLines.Any(l => l.Id == line.Id)).ToList();
            if (!sheets.Any(s => s.Items.Count > 0))
                gaps.Add(WorksheetGaps.Gap(WorksheetGaps.LineWithoutPlan, line, null, line.Name, null));
            foreach (var sheet in sheets)
                AddWorksheet(sheet, line);
        }

        var keyQuestions = KeyQuestionCells
            .Select(q => new KeyQuestion(q.Key, q.CellKeys,
                q.CellKeys.SelectMany(c => byCell.GetValueOrDefault(c) ?? []).ToList()))
            .ToList();

        return new Plan(source.Scope, source.Now, source.ServiceLines, source.Functionalities,
            roadmap.OrderBy(r => r.GoesLive ?? DateOnly.MaxValue).ThenBy(r => r.ServiceLine.Code, StringComparer.Ordinal)
                .ThenBy(r => r.Functionality?.Wave).ThenBy(r => r.Row).ToList(),
            useCases, work, goals, customers, operations, change, keyQuestions, gaps, labels);

        void AddWorksheet(SourceWorksheet sheet, LineRef line)
        {
            var template = sheet.Template;
            foreach (var section in template.Sections)
            {
                labels.TryAdd("section:" + section.Key, section.Title);
                foreach (var cell in section.Cells) labels.TryAdd("cell:" + cell.Key, cell.Title);
            }
            var rows = sheet.Rows.Where(r => !r.IsDeleted).OrderBy(r => r.Position).ToList();
            var items = sheet.Items.Where(i => !i.IsDeleted && !i.IsPrivate)
                .OrderBy(i => i.Position).ThenBy(i => i.CreatedAt).ToList();
            var itemsByCell = items.ToLookup(i => i.CellKey);
            var serviceNames = rows.ToDictionary(r => r.Id,
                r => itemsByCell[Cells.ServiceName].FirstOrDefault(i => i.RowId == r.Id)?.Text ?? "");
            var functionality = sheet.Functionality;

            SourceRef Ref(SectionDefinition section, CellDefinition cell, Guid? itemId) =>
                new(sheet.Id, sheet.Title, sheet.SeriesId, section.Key, cell.Key, itemId);
            PlanNote Note(SectionDefinition section, CellDefinition cell, WorksheetItem i) =>
                new(i.Id, i.Text, i.Group, i.Tag, i.RowId is { } row ? serviceNames.GetValueOrDefault(row, "") : "", Ref(section, cell, i.Id));
            // The service row a task or question is tied to, while that row is there.
            Guid? ServiceOf(WorksheetItem i) => i.RowId is { } row && serviceNames.ContainsKey(row) ? row : null;

            var goalNotes = new List<PlanNote>();
            var metrics = new List<(WorksheetItem Item, SourceRef Source)>();
            var baseline = new List<PlanNote>();
            var target = new List<PlanNote>();
            SourceRef? goalsSource = null;

            foreach (var section in template.Sections)
            {
                var sectionItems = 0;
                foreach (var cell in section.Cells)
                {
                    var cellItems = itemsByCell[cell.Key].ToList();
                    sectionItems += cellItems.Count;
                    if (cell.Key == Cells.Goals) goalsSource = Ref(section, cell, null);
                    foreach (var item in cellItems)
                    {
                        var note = Note(section, cell, item);
                        var entry = new PlanEntry(line, functionality, section.Key, cell.Key, note);
                        // Path items answer "when" (milestones) and "phasing" (phases) separately.
                        var answers = cell.Kind == CellKind.Path ? $"{cell.Key}:{(item.Kind == ItemKind.Milestone ? "milestone" : "phase")}" : cell.Key;
                        (byCell.TryGetValue(answers, out var answered) ? answered : byCell[answers] = []).Add(entry);
                        switch (cell.Kind)
                        {
                            case CellKind.Tasks:
                                work.Add(new WorkItem(item.Id, line, functionality, cell.Key == Cells.GivenUp ? "given-up" : "task",
                                    item.Text, item.Owner, item.DueDate, item.StartDate, item.EndDate, note.Source, ServiceOf(item), note.Service));
                                if (string.IsNullOrWhiteSpace(item.Owner))
                                    gaps.Add(WorksheetGaps.Gap(WorksheetGaps.TaskWithoutOwner, line, functionality, item.Text, note.Source));
                                if (item.DueDate is null && item.StartDate is null && item.EndDate is null)
                                    gaps.Add(WorksheetGaps.Gap(WorksheetGaps.TaskWithoutDate, line, functionality, item.Text, note.Source));
                                break;
                            case CellKind.Metrics:
                                metrics.Add((item, note.Source));
                                break;
                            case CellKind.Path:
                            case CellKind.RowNotes when cell.Key is Cells.ServiceName or Cells.ServiceDescription or Cells.ServiceProcess:
                                break; // on the roadmap below
                            default:
                                AddNote(sheet, section, cell, entry);
                                break;
                        }
                        if (cell.Key == Cells.Goals) goalNotes.Add(note);
                        else if (cell.Key == Cells.DataBaseline) baseline.Add(note);
                        else if (cell.Key == Cells.DataTarget) target.Add(note);
                    }
                }
                if (sectionItems == 0 && !section.Optional)
                    gaps.Add(WorksheetGaps.Gap(WorksheetGaps.EmptySection, line, functionality, section.Key,
                        new SourceRef(sheet.Id, sheet.Title, sheet.SeriesId, section.Key, "", null)));
            }

            if (sheet.TemplateKind != TemplateDefinition.Functionality) return;

            // Goals and metrics: a data note belongs to the metric it is grouped or tagged with; a worksheet with a
            // single metric gives it all of its data.
            if (goalNotes.Count > 0 || metrics.Count > 0 || baseline.Count > 0 || target.Count > 0)
            {
                var planMetrics = new List<PlanMetric>();
                var claimed = new HashSet<Guid>();
                foreach (var (item, metricSource) in metrics)
                {
                    var library = item.MetricId is { } id ? source.Metrics.GetValueOrDefault(id) : null;
                    bool Names(PlanNote n) => Matches(n.Group, item.Text) || Matches(n.Tag, item.Text)
                        || (library is not null && (Matches(n.Group, library.Name) || Matches(n.Tag, library.Name)));
                    var own = metrics.Count == 1 ? (baseline, target) : (baseline.Where(Names).ToList(), target.Where(Names).ToList());
                    foreach (var n in own.Item1.Concat(own.Item2)) claimed.Add(n.Id);
                    planMetrics.Add(new PlanMetric(item.Id, item.Text, library?.Unit ?? "",
                        library?.Direction == MetricDirection.LowerIsBetter ? "lower-is-better" : "higher-is-better",
                        library?.Definition ?? "", library?.DataSource ?? "", own.Item1, own.Item2, metricSource));
                }
                var unclaimedBaseline = baseline.Where(n => !claimed.Contains(n.Id)).ToList();
                var unclaimedTarget = target.Where(n => !claimed.Contains(n.Id)).ToList();
                foreach (var metric in planMetrics.Where(m => m.Baseline.Count == 0 && unclaimedBaseline.Count == 0))
                    gaps.Add(WorksheetGaps.Gap(WorksheetGaps.MetricWithoutBaseline, line, functionality, metric.Name, metric.Source));
                goals.Add(new GoalSet(sheet.Id, line, functionality, goalNotes, planMetrics, unclaimedBaseline, unclaimedTarget,
                    goalsSource ?? new SourceRef(sheet.Id, sheet.Title, sheet.SeriesId, "", Cells.Goals, null)));
            }

            // The roadmap: every service row that has a name or a path, with its phases, milestones and the tasks
            // and things given up tied to it (dated or not).
            var pathCells = template.Cells.Where(c => c.Kind == CellKind.Path).Select(c => c.Key).ToHashSet();
            var taskCells = template.Cells.Where(c => c.Kind == CellKind.Tasks).Select(c => c.Key).ToHashSet();
            string CellText(string cellKey, Guid row) => itemsByCell[cellKey].FirstOrDefault(i => i.RowId == row)?.Text ?? "";
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                var steps = items
                    .Where(i => i.RowId == row.Id && (pathCells.Contains(i.CellKey) || taskCells.Contains(i.CellKey)))
                    .Select(i =>
                    {
                        var section = template.SectionOf(i.CellKey)!;
                        var kind = i.Kind switch
                        {
                            ItemKind.Milestone => i.IsGoLive ? "go-live" : "milestone",
                            ItemKind.Phase => "phase",
                            _ => i.CellKey == Cells.GivenUp ? "given-up" : "task",
                        };
                        var start = i.StartDate ?? i.DueDate;
                        return new RoadmapStep(i.Id, kind, i.Text, start, i.EndDate ?? (i.Kind == ItemKind.Phase ? null : start),
                            Ref(section, template.FindCell(i.CellKey)!, i.Id));
                    })
                    .OrderBy(s => s.Start ?? DateOnly.MaxValue).ThenBy(s => s.Kind, StringComparer.Ordinal).ToList();
                var name = serviceNames[row.Id];
                if (name.Length == 0 && steps.Count == 0) continue;
                var serviceSection = template.SectionOf(Cells.ServiceName) ?? template.Sections[0];
                var goalsFor = goalNotes.Count > 0;
                var service = new RoadmapService(row.Id, line, functionality, r + 1, name, CellText(Cells.ServiceDescription, row.Id),
                    CellText(Cells.ServiceProcess, row.Id), steps.Select(s => s.Start).Min(), GoLive(steps), steps,
                    new SourceRef(sheet.Id, sheet.Title, sheet.SeriesId, serviceSection.Key, Cells.ServiceName, null));
                roadmap.Add(service);
                if (!goalsFor)
                    gaps.Add(WorksheetGaps.Gap(WorksheetGaps.ServiceWithoutGoal, line, functionality, name.Length > 0 ? name : $"#{r + 1}", service.Source));
                if (service.GoesLive is null)
                    gaps.Add(WorksheetGaps.Gap(WorksheetGaps.ServiceWithoutGoLive, line, functionality, name.Length > 0 ? name : $"#{r + 1}", service.Source));
            }
        }

        void AddNote(SourceWorksheet sheet, SectionDefinition section, CellDefinition cell, PlanEntry entry)
        {
            var note = entry.Note;
            switch (cell.Key)
            {
                case Cells.UseCasesBefore or Cells.UseCasesDuring or Cells.UseCasesBetween:
                    useCases.Add(new UseCase(note.Id, entry.ServiceLine, entry.Functionality, cell.Key["use-cases-".Length..],
                        note.Text, note.Service, note.Source));
                    return;
                case Cells.CustomerGroups:
                    useCases.Add(new UseCase(note.Id, entry.ServiceLine, entry.Functionality, "target-group", note.Text, note.Service, note.Source));
                    return;
                case Cells.OpenQuestions:
                    work.Add(new WorkItem(note.Id, entry.ServiceLine, entry.Functionality, "open-question", note.Text, "", null, null, null, note.Source,
                        ServiceRow(sheet, note.Id), note.Service));
                    return;
                case Cells.Goals or Cells.DataBaseline or Cells.DataTarget:
                    return; // in the goal set
            }
            if (sheet.TemplateKind == TemplateDefinition.Change) change.Add(entry);
            else if (section.Key == "customer") customers.Add(entry);
            else operations.Add(entry);
        }
    }

    /// <summary>
    /// A service goes live on the date of the milestone marked as its go-live, never on a guess from its other steps;
    /// without a dated one it has no go-live date. (Should two have been marked at the same moment, the later counts.)
    /// </summary>
    private static DateOnly? GoLive(IReadOnlyList<RoadmapStep> steps) =>
        steps.Where(s => s.Kind == "go-live").Select(s => s.Start).Max();

    /// <summary>The service row an item is tied to, while that row is there.</summary>
    private static Guid? ServiceRow(SourceWorksheet sheet, Guid itemId) =>
        sheet.Items.FirstOrDefault(i => i.Id == itemId)?.RowId is { } row && sheet.Rows.Any(r => r.Id == row && !r.IsDeleted) ? row : null;

    private static bool Matches(string a, string b) =>
        a.Length > 0 && string.Equals(a.Trim(), b.Trim(), StringComparison.CurrentCultureIgnoreCase);
}
