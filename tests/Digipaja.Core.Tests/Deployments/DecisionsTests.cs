using Digipaja.Core.Deployments;

namespace Digipaja.Core.Tests.Deployments;

public sealed class DecisionsTests
{
    private static readonly DateOnly Today = new(2027, 3, 1);
    private static readonly DateTimeOffset Noon = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static DeploymentDecision Decision(DecisionOutcome outcome, DateTimeOffset recordedAt, Guid? supersedes = null) =>
        new(Guid.NewGuid(), outcome, Today, "Anna Aalto", "Johtoryhmä", "Pilotin tulokset", [], recordedAt, supersedes);

    [Fact]
    public void A_complete_go_decision_has_nothing_wrong_with_it() =>
        Assert.Empty(Decisions.Validate(DecisionOutcome.Go, Today, "Anna Aalto", "Johtoryhmä", "Arvo ja kustannukset arvioitu", [], Today));

    [Fact]
    public void Every_missing_or_wrong_field_of_a_decision_is_reported_at_once()
    {
        var errors = Decisions.Validate(DecisionOutcome.GoWithConditions, Today.AddDays(1), "", " ", null, [], Today);
        Assert.Equal(["decidedOn", "decidedBy", "body", "grounds", "conditions"], errors.Select(e => e.Field));
        Assert.Equal("deployment.decision_conditions_required", errors[^1].MessageKey);
    }

    [Fact]
    public void Conditions_belong_to_a_go_with_conditions_and_each_needs_its_text_and_owner()
    {
        DecisionCondition[] conditions = [new("Tuki järjestetty", ""), new("", "Pekka")];
        var withConditions = Decisions.Validate(DecisionOutcome.GoWithConditions, Today, "Anna", "Johtoryhmä", "Perusteet", conditions, Today);
        var plainGo = Decisions.Validate(DecisionOutcome.Go, Today, "Anna", "Johtoryhmä", "Perusteet", [new("Tuki", "Pekka")], Today);

        Assert.Equal(["conditions[0].owner", "conditions[1].text"], withConditions.Select(e => e.Field));
        Assert.Equal("deployment.decision_conditions_only_with_conditions", Assert.Single(plainGo).MessageKey);
    }

    [Fact]
    public void The_decision_in_force_is_the_latest_not_superseded_and_earlier_ones_stay_on_record()
    {
        var noGo = Decision(DecisionOutcome.NoGo, Noon);
        var go = Decision(DecisionOutcome.Go, Noon.AddDays(30), supersedes: noGo.Id);

        Assert.Equal(go, Decisions.InForce([noGo, go]));
        Assert.Equal(noGo, Decisions.InForce([noGo]));
        Assert.Null(Decisions.InForce([]));
        Assert.True(Decisions.AllowsRollout(go));
        Assert.False(Decisions.AllowsRollout(noGo));
        Assert.False(Decisions.AllowsRollout(null));
    }

    [Fact]
    public void The_actual_go_live_is_the_earliest_actual_start_and_drift_counts_days_from_the_plan()
    {
        RolloutStep[] steps =
        [
            new("Lohjan terveysasema", new(2027, 4, 1), new(2027, 4, 30), new(2027, 4, 12), null),
            new("Koko alue", new(2027, 5, 1), null, null, null),
        ];
        var actual = Rollout.ActualGoLive(steps);

        Assert.Equal(new DateOnly(2027, 4, 12), actual);
        Assert.Equal(11, Rollout.DriftDays(new DateOnly(2027, 4, 1), actual));
        Assert.Equal(-3, Rollout.DriftDays(new DateOnly(2027, 4, 15), actual));
        Assert.Null(Rollout.DriftDays(null, actual));
        Assert.Null(Rollout.ActualGoLive([steps[1]]));
    }

    [Fact]
    public void A_rollout_step_needs_a_scope_and_never_ends_before_it_starts()
    {
        var step = new RolloutStep("", new(2027, 4, 10), new(2027, 4, 1), null, new(2027, 4, 20));
        Assert.Equal(["scope", "plannedEnd", "actualStart"], Rollout.Validate(step).Select(e => e.Field));
        Assert.Equal(["actualEnd"], Rollout.Validate(step with { Scope = "Osa", PlannedEnd = null, ActualStart = new(2027, 4, 21) }).Select(e => e.Field));
    }
}
