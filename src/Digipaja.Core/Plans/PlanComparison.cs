using System.Globalization;

namespace Digipaja.Core.Plans;

public enum PlanChangeKind
{
    Added = 1,
    Removed = 2,
    Changed = 3,
}

/// <summary>One field of an entry that differs between two versions, as text (dates as yyyy-MM-dd, empty when unset).</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>
/// One entry of a plan that was added, removed or changed. Category names what the entry is: roadmap-service,
/// roadmap-step, use-case, work-item, goal, metric, customer, operation or change. Text is the entry's text in the
/// newer version (in the older one for a removed entry).
/// </summary>
public sealed record PlanChange(
    PlanChangeKind Kind, string Category, Guid Id, LineRef ServiceLine, FunctionalityRef? Functionality, string Text,
    IReadOnlyList<FieldChange> Fields);

/// <summary>
/// What changed between two plans, typically two published versions. Entries are matched by the id of the worksheet
/// item (or service row) they came from, together with their service line, because a series planning several lines
/// puts the same item into each line's plan. An entry is changed when any of its compared fields differ: its text,
/// kind, owner, dates, the service it belongs to, a service's go-live date, a metric's unit or data.
/// </summary>
public sealed record PlanComparison(IReadOnlyList<PlanChange> Added, IReadOnlyList<PlanChange> Removed, IReadOnlyList<PlanChange> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public static PlanComparison Compare(Plan from, Plan to)
    {
        var before = Entries(from).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First());
        var after = Entries(to).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First());
        var added = new List<PlanChange>();
        var changed = new List<PlanChange>();
        foreach (var entry in after.Values)
        {
            if (!before.TryGetValue(entry.Key, out var old))
            {
                added.Add(entry.AsChange(PlanChangeKind.Added, []));
                continue;
            }
            var fields = entry.Fields
                .Select(f => new FieldChange(f.Key, old.Fields.GetValueOrDefault(f.Key, ""), f.Value))
                .Where(f => !string.Equals(f.Before, f.After, StringComparison.Ordinal))
                .ToList();
            if (fields.Count > 0) changed.Add(entry.AsChange(PlanChangeKind.Changed, fields));
        }
        var removed = before.Values.Where(e => !after.ContainsKey(e.Key)).Select(e => e.AsChange(PlanChangeKind.Removed, [])).ToList();
        return new PlanComparison(added, removed, changed);
    }

    private sealed record Entry(string Category, Guid Id, LineRef Line, FunctionalityRef? Functionality, string Text,
        IReadOnlyDictionary<string, string> Fields)
    {
        public (string, Guid, Guid) Key => (Category, Line.Id, Id);

        public PlanChange AsChange(PlanChangeKind kind, IReadOnlyList<FieldChange> fields) =>
            new(kind, Category, Id, Line, Functionality, Text, fields);
    }

    /// <summary>Every comparable entry of a plan, with the fields that make it changed when they differ.</summary>
    private static IEnumerable<Entry> Entries(Plan plan)
    {
        foreach (var s in plan.Roadmap)
        {
            yield return new Entry("roadmap-service", s.Id, s.ServiceLine, s.Functionality, s.Name.Length > 0 ? s.Name : $"#{s.Row}",
                Fields(("name", s.Name), ("description", s.Description), ("process", s.Process), ("start", Date(s.Start)),
                    ("goes-live", Date(s.GoesLive))));
            foreach (var step in s.Steps)
                yield return new Entry("roadmap-step", step.Id, s.ServiceLine, s.Functionality, step.Text,
                    Fields(("text", step.Text), ("kind", step.Kind), ("start", Date(step.Start)), ("end", Date(step.End))));
        }
        foreach (var u in plan.UseCases)
            yield return new Entry("use-case", u.Id, u.ServiceLine, u.Functionality, u.Text,
                Fields(("text", u.Text), ("kind", u.Kind), ("service", u.Service)));
        foreach (var w in plan.DevelopmentWork)
            yield return new Entry("work-item", w.Id, w.ServiceLine, w.Functionality, w.Text,
                Fields(("text", w.Text), ("kind", w.Kind), ("owner", w.Owner), ("due", Date(w.Due)), ("start", Date(w.Start)), ("end", Date(w.End))));
        foreach (var set in plan.Goals)
        {
            foreach (var g in set.Goals)
                yield return new Entry("goal", g.Id, set.ServiceLine, set.Functionality, g.Text, Fields(("text", g.Text), ("service", g.Service)));
            foreach (var m in set.Metrics)
                yield return new Entry("metric", m.Id, set.ServiceLine, set.Functionality, m.Name,
                    Fields(("name", m.Name), ("unit", m.Unit), ("direction", m.Direction),
                        ("baseline", Joined(m.Baseline.Concat(set.Baseline))), ("target", Joined(m.Target.Concat(set.Target)))));
        }
        foreach (var (category, entries) in new[] { ("customer", plan.Customers), ("operation", plan.Operations), ("change", plan.Change) })
            foreach (var e in entries)
                yield return new Entry(category, e.Note.Id, e.ServiceLine, e.Functionality, e.Note.Text,
                    Fields(("text", e.Note.Text), ("cell", e.CellKey), ("group", e.Note.Group), ("service", e.Note.Service)));
    }

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value ?? "", StringComparer.Ordinal);

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Joined(IEnumerable<PlanNote> notes) => string.Join("\n", notes.Select(n => n.Text));
}
