using Digipaja.Core.Common;

namespace Digipaja.Core.Deployments;

/// <summary>
/// The life of a planned service from need to production, in order: a stage is "later" than another when its value
/// is greater. Retired comes after production: the service has ended, or the old way of working has been given up.
/// </summary>
public enum DeploymentStage
{
    Need,
    Designed,
    Trial,
    Pilot,
    Decision,
    Rollout,
    Production,
    Retired,
}

/// <summary>Where a readiness item stands. Done and waived items no longer hold a deployment back.</summary>
public enum ReadinessStatus
{
    Open,
    InProgress,
    Done,
    Blocked,
    Waived,
}

/// <summary>A readiness item as the gates see it: it must be done (or waived) before its deployment reaches <see cref="Before"/>.</summary>
public sealed record GateItem(Guid Id, string Title, DeploymentStage Before, ReadinessStatus Status, DateOnly? Due = null)
{
    public bool IsMet => Status is ReadinessStatus.Done or ReadinessStatus.Waived;

    /// <summary>Past its due date on <paramref name="today"/> and still not met.</summary>
    public bool IsOverdue(DateOnly today) => !IsMet && Due is { } due && due < today;
}

/// <summary>The outcome of asking to move a deployment: allowed, or refused with the errors and the items that hold it back.</summary>
public sealed record StageMoveCheck(IReadOnlyList<FieldError> Errors, IReadOnlyList<GateItem> Unmet)
{
    public bool IsAllowed => Errors.Count == 0;
}

/// <summary>The rules of moving a deployment between stages, the same for the page, the board and the API.</summary>
public static class Lifecycle
{
    /// <summary>The stage's name in the API and in URLs: need, designed, trial, pilot, decision, rollout, production, retired.</summary>
    public static string ApiName(this DeploymentStage stage) => stage.ToString().ToLowerInvariant();

    /// <summary>The stage named in the API; names are matched exactly, so a number or a stage of another spelling is refused.</summary>
    public static bool TryParse(string? name, out DeploymentStage stage)
    {
        foreach (var candidate in Enum.GetValues<DeploymentStage>())
            if (candidate.ApiName() == name)
            {
                stage = candidate;
                return true;
            }
        stage = default;
        return false;
    }

    /// <summary>
    /// Whether a deployment at <paramref name="from"/> may go to <paramref name="to"/>. Forward, stages may be skipped,
    /// but every item due before any stage up to and including the target must be met: all of them are listed at
    /// once, so one answer says everything that is left. Backward needs a reason and checks no items.
    /// </summary>
    public static StageMoveCheck CheckMove(DeploymentStage from, DeploymentStage to, string? reason, IEnumerable<GateItem> items)
    {
        if (to == from) return Refused(new FieldError("stage", "deployment.stage_unchanged"));
        if (TextRules.CheckOptional("reason", reason, TextRules.DescriptionMaxLength) is { } textError) return Refused(textError);
        if (to < from)
            return string.IsNullOrWhiteSpace(reason) ? Refused(new FieldError("reason", "deployment.reason_required_back")) : Allowed;
        var unmet = UnmetUpTo(to, items);
        return unmet.Count == 0 ? Allowed : new StageMoveCheck([new FieldError("stage", "deployment.gate_unmet")], unmet);
    }

    /// <summary>The items that hold a deployment back from reaching <paramref name="stage"/>, earliest gate first.</summary>
    public static IReadOnlyList<GateItem> UnmetUpTo(DeploymentStage stage, IEnumerable<GateItem> items) =>
        items.Where(i => i.Before <= stage && !i.IsMet).OrderBy(i => i.Before).ThenBy(i => i.Title, StringComparer.CurrentCulture).ToList();

    /// <summary>
    /// The next stage after <paramref name="current"/> and what must still be met to reach it; null at the end of the
    /// life (retired). What the deployment board shows as "next gate".
    /// </summary>
    public static (DeploymentStage Stage, IReadOnlyList<GateItem> Unmet)? NextGate(DeploymentStage current, IEnumerable<GateItem> items) =>
        current == DeploymentStage.Retired ? null : (current + 1, UnmetUpTo(current + 1, items));

    /// <summary>
    /// Whether waiving an item is allowed: it needs a reason, and an item already met has nothing to waive.
    /// Who may waive (facilitators and administrators) is decided by the caller's access, not here.
    /// </summary>
    public static FieldError? CheckWaiver(GateItem item, string? reason)
    {
        if (item.IsMet) return new FieldError("status", "deployment.item_already_met");
        if (string.IsNullOrWhiteSpace(reason)) return new FieldError("reason", "deployment.reason_required_waiver");
        return TextRules.CheckOptional("reason", reason, TextRules.DescriptionMaxLength);
    }

    private static readonly StageMoveCheck Allowed = new([], []);

    private static StageMoveCheck Refused(FieldError error) => new([error], []);
}
