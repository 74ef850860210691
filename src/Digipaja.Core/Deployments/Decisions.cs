using Digipaja.Core.Common;

namespace Digipaja.Core.Deployments;

public enum DecisionOutcome
{
    Go,
    NoGo,
    GoWithConditions,
}

/// <summary>A condition of a "go with conditions" decision, and who sees that it is met.</summary>
public sealed record DecisionCondition(string Text, string Owner);

/// <summary>
/// A deployment decision as recorded: never edited afterwards. A later decision on the same deployment supersedes
/// it (names it in <see cref="Supersedes"/>); the earlier one stays on record as it was.
/// </summary>
public sealed record DeploymentDecision(
    Guid Id, DecisionOutcome Outcome, DateOnly DecidedOn, string DecidedBy, string Body, string Grounds,
    IReadOnlyList<DecisionCondition> Conditions, DateTimeOffset RecordedAt, Guid? Supersedes = null);

/// <summary>The rules of recording decisions.</summary>
public static class Decisions
{
    /// <summary>
    /// What is wrong with a decision about to be recorded, every field at once; empty when it can be recorded.
    /// A decision is not dated in the future; conditions belong to "go with conditions" only, which needs at least one.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(DecisionOutcome outcome, DateOnly decidedOn, string? decidedBy, string? body,
        string? grounds, IReadOnlyList<DecisionCondition> conditions, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(outcome)) errors.Add(new FieldError("outcome", "deployment.decision_outcome_unknown"));
        if (decidedOn > today) errors.Add(new FieldError("decidedOn", "deployment.decision_in_future"));
        void Add(FieldError? error)
        {
            if (error is not null) errors.Add(error);
        }
        Add(TextRules.CheckRequiredName("decidedBy", decidedBy, TextRules.NameMaxLength));
        Add(TextRules.CheckRequiredName("body", body, TextRules.NameMaxLength));
        Add(TextRules.CheckRequired("grounds", grounds, TextRules.DescriptionMaxLength));
        if (outcome == DecisionOutcome.GoWithConditions && conditions.Count == 0)
            errors.Add(new FieldError("conditions", "deployment.decision_conditions_required"));
        if (outcome != DecisionOutcome.GoWithConditions && conditions.Count > 0)
            errors.Add(new FieldError("conditions", "deployment.decision_conditions_only_with_conditions"));
        for (var i = 0; i < conditions.Count; i++)
        {
            Add(TextRules.CheckRequired($"conditions[{i}].text", conditions[i].Text, TextRules.DescriptionMaxLength));
            Add(TextRules.CheckRequiredName($"conditions[{i}].owner", conditions[i].Owner, TextRules.NameMaxLength));
        }
        return errors;
    }

    /// <summary>
    /// The decision in force: the latest recorded one that no other supersedes. Superseded decisions stay on record
    /// and are shown as history, never as the decision.
    /// </summary>
    public static DeploymentDecision? InForce(IEnumerable<DeploymentDecision> decisions)
    {
        var all = decisions.ToList();
        var superseded = all.Where(d => d.Supersedes is not null).Select(d => d.Supersedes!.Value).ToHashSet();
        return all.Where(d => !superseded.Contains(d.Id)).OrderByDescending(d => d.RecordedAt).FirstOrDefault();
    }

    /// <summary>Whether the decision in force lets the deployment go on to its staged rollout.</summary>
    public static bool AllowsRollout(DeploymentDecision? inForce) =>
        inForce?.Outcome is DecisionOutcome.Go or DecisionOutcome.GoWithConditions;
}

/// <summary>One stage of a staged rollout: one unit or area first, a subset of users, by service, with or without marketing.</summary>
public sealed record RolloutStep(string Scope, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd);

/// <summary>Planned against actual: when a service really went live, and by how much that drifted.</summary>
public static class Rollout
{
    /// <summary>
    /// The service's actual go-live date: the actual start of its first rollout step that has started. Null until
    /// one has; the planned date (the go-live milestone of the worksheet) stays beside it on the plans.
    /// </summary>
    public static DateOnly? ActualGoLive(IEnumerable<RolloutStep> steps) =>
        steps.Where(s => s.ActualStart is not null).Select(s => s.ActualStart).Min();

    /// <summary>Days the actual go-live came after the planned one (negative when early); null when either is unknown.</summary>
    public static int? DriftDays(DateOnly? planned, DateOnly? actual) =>
        planned is { } p && actual is { } a ? a.DayNumber - p.DayNumber : null;

    /// <summary>What is wrong with a rollout step: a scope is needed, and no step ends before it starts.</summary>
    public static IReadOnlyList<FieldError> Validate(RolloutStep step)
    {
        var errors = new List<FieldError>();
        if (TextRules.CheckRequired("scope", step.Scope, TextRules.NameMaxLength) is { } scope) errors.Add(scope);
        if (step.PlannedStart is { } ps && step.PlannedEnd is { } pe && pe < ps) errors.Add(new FieldError("plannedEnd", "deployment.end_before_start"));
        if (step.ActualStart is { } s && step.ActualEnd is { } e && e < s) errors.Add(new FieldError("actualEnd", "deployment.end_before_start"));
        if (step.ActualStart is null && step.ActualEnd is not null) errors.Add(new FieldError("actualStart", "deployment.end_without_start"));
        return errors;
    }
}
