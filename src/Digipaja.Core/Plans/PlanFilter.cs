namespace Digipaja.Core.Plans;

/// <summary>
/// Narrows a plan to one functionality, wave, service area or date range. Dates limit only what is dated: the
/// roadmap (a service whose path meets the range) and scheduled work; undated work is kept only without a range.
/// </summary>
public sealed record PlanFilter(string? FunctionalityKey = null, int? Wave = null, Guid? ServiceAreaId = null, DateOnly? From = null, DateOnly? To = null)
{
    public bool IsEmpty => FunctionalityKey is null && Wave is null && ServiceAreaId is null && From is null && To is null;

    public Plan Apply(Plan plan)
    {
        if (IsEmpty) return plan;
        bool Line(LineRef line) => ServiceAreaId is null || line.AreaId == ServiceAreaId;
        bool Functionality(FunctionalityRef? f) =>
            (FunctionalityKey is null || f?.Key == FunctionalityKey) && (Wave is null || f?.Wave == Wave);
        bool Keep(LineRef line, FunctionalityRef? f) => Line(line) && Functionality(f);
        var dated = From is not null || To is not null;
        bool Meets(DateOnly? start, DateOnly? end)
        {
            if (!dated) return true;
            if (start is null && end is null) return false;
            var s = start ?? end!.Value;
            var e = end ?? s;
            return (From is null || e >= From) && (To is null || s <= To);
        }
        PlanEntry? Entry(PlanEntry e) => Keep(e.ServiceLine, e.Functionality) ? e : null;

        var roadmap = plan.Roadmap.Where(r => Keep(r.ServiceLine, r.Functionality))
            .Select(r => dated ? r with { Steps = r.Steps.Where(s => Meets(s.Start, s.End)).ToList() } : r)
            .Where(r => !dated || r.Steps.Count > 0).ToList();
        return plan with
        {
            ServiceLines = plan.ServiceLines.Where(Line).ToList(),
            Functionalities = plan.Functionalities.Where(f => Functionality(f)).ToList(),
            Roadmap = roadmap,
            UseCases = plan.UseCases.Where(u => Keep(u.ServiceLine, u.Functionality)).ToList(),
            DevelopmentWork = plan.DevelopmentWork.Where(w => Keep(w.ServiceLine, w.Functionality) && Meets(w.Start ?? w.Due, w.End ?? w.Due)).ToList(),
            Goals = plan.Goals.Where(g => Keep(g.ServiceLine, g.Functionality)).ToList(),
            Customers = plan.Customers.Where(e => Entry(e) is not null).ToList(),
            Operations = plan.Operations.Where(e => Entry(e) is not null).ToList(),
            // The change worksheet is about the whole line, not one functionality: only the area limits it.
            Change = plan.Change.Where(e => Line(e.ServiceLine)).ToList(),
            KeyQuestions = plan.KeyQuestions.Select(q => q with
            {
                Answers = q.Answers.Where(a => a.Functionality is null ? Line(a.ServiceLine) : Keep(a.ServiceLine, a.Functionality)).ToList(),
            }).ToList(),
            Gaps = plan.Gaps.Where(g => Line(g.ServiceLine) && (g.Functionality is null || Functionality(g.Functionality))).ToList(),
        };
    }
}
