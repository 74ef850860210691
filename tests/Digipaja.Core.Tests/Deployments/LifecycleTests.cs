using Digipaja.Core.Deployments;

namespace Digipaja.Core.Tests.Deployments;

public sealed class LifecycleTests
{
    private static readonly DateOnly Today = new(2027, 3, 1);

    private static GateItem Item(string title, DeploymentStage before, ReadinessStatus status = ReadinessStatus.Open, DateOnly? due = null) =>
        new(Guid.NewGuid(), title, before, status, due);

    [Theory]
    [InlineData("need", DeploymentStage.Need)]
    [InlineData("decision", DeploymentStage.Decision)]
    [InlineData("retired", DeploymentStage.Retired)]
    public void Stages_have_their_api_names_both_ways(string name, DeploymentStage stage)
    {
        Assert.Equal(name, stage.ApiName());
        Assert.True(Lifecycle.TryParse(name, out var parsed));
        Assert.Equal(stage, parsed);
    }

    [Theory]
    [InlineData("Pilot")]
    [InlineData("3")]
    [InlineData("")]
    [InlineData(null)]
    public void A_stage_name_of_another_spelling_or_a_number_is_not_a_stage(string? name) =>
        Assert.False(Lifecycle.TryParse(name, out _));

    [Fact]
    public void Skipping_stages_forward_lists_every_unmet_item_up_to_the_target_and_none_beyond()
    {
        var training = Item("Ammattilaiset koulutettu", DeploymentStage.Pilot);
        var dpia = Item("Vaikutustenarviointi tehty", DeploymentStage.Trial, ReadinessStatus.InProgress);
        var done = Item("Käyttöoikeudet", DeploymentStage.Trial, ReadinessStatus.Done);
        var later = Item("Viestintäsuunnitelma", DeploymentStage.Rollout);

        var check = Lifecycle.CheckMove(DeploymentStage.Need, DeploymentStage.Pilot, null, [training, dpia, done, later]);

        Assert.False(check.IsAllowed);
        Assert.Equal("deployment.gate_unmet", Assert.Single(check.Errors).MessageKey);
        Assert.Equal([dpia, training], check.Unmet); // earliest gate first
    }

    [Fact]
    public void Items_done_or_waived_let_the_deployment_through_its_gates()
    {
        var items = new[]
        {
            Item("Tuki", DeploymentStage.Pilot, ReadinessStatus.Done),
            Item("Lääkinnällinen laite", DeploymentStage.Decision, ReadinessStatus.Waived),
        };
        Assert.True(Lifecycle.CheckMove(DeploymentStage.Trial, DeploymentStage.Rollout, null, items).IsAllowed);
    }

    [Fact]
    public void A_blocked_item_holds_the_deployment_back_like_an_open_one()
    {
        var blocked = Item("Integraatio", DeploymentStage.Pilot, ReadinessStatus.Blocked);
        Assert.Equal([blocked], Lifecycle.CheckMove(DeploymentStage.Trial, DeploymentStage.Pilot, null, [blocked]).Unmet);
    }

    [Fact]
    public void Moving_back_needs_a_reason_and_checks_no_items()
    {
        var open = Item("Koulutus", DeploymentStage.Need);

        var withoutReason = Lifecycle.CheckMove(DeploymentStage.Pilot, DeploymentStage.Trial, "  ", [open]);
        var withReason = Lifecycle.CheckMove(DeploymentStage.Pilot, DeploymentStage.Trial, "Pilotti keskeytettiin", [open]);

        Assert.Equal(("reason", "deployment.reason_required_back"), (withoutReason.Errors[0].Field, withoutReason.Errors[0].MessageKey));
        Assert.True(withReason.IsAllowed);
        Assert.Empty(withReason.Unmet);
    }

    [Fact]
    public void Moving_to_the_same_stage_or_with_a_reason_the_text_rules_refuse_is_not_allowed()
    {
        Assert.Equal("deployment.stage_unchanged", Lifecycle.CheckMove(DeploymentStage.Trial, DeploymentStage.Trial, null, []).Errors[0].MessageKey);
        Assert.Equal("validation.too_long", Lifecycle.CheckMove(DeploymentStage.Pilot, DeploymentStage.Need, new string('x', 2001), []).Errors[0].MessageKey);
        Assert.Equal("validation.direction_controls", Lifecycle.CheckMove(DeploymentStage.Pilot, DeploymentStage.Need, "syy\u202E", []).Errors[0].MessageKey);
    }

    [Fact]
    public void The_next_gate_is_the_following_stage_with_what_still_holds_it_back_and_there_is_none_after_retirement()
    {
        var open = Item("Tuki", DeploymentStage.Pilot);
        var gate = Lifecycle.NextGate(DeploymentStage.Trial, [open, Item("Exit", DeploymentStage.Retired)]);

        Assert.Equal(DeploymentStage.Pilot, gate!.Value.Stage);
        Assert.Equal([open], gate.Value.Unmet);
        Assert.Null(Lifecycle.NextGate(DeploymentStage.Retired, [open]));
    }

    [Fact]
    public void Waiving_needs_a_reason_and_an_item_that_is_not_met_yet()
    {
        var open = Item("Lääkinnällinen laite", DeploymentStage.Decision);
        Assert.Equal("deployment.reason_required_waiver", Lifecycle.CheckWaiver(open, "")!.MessageKey);
        Assert.Null(Lifecycle.CheckWaiver(open, "Palvelu ei ole lääkinnällinen laite"));
        Assert.Equal("deployment.item_already_met", Lifecycle.CheckWaiver(open with { Status = ReadinessStatus.Done }, "syy")!.MessageKey);
    }

    [Fact]
    public void An_item_is_overdue_after_its_due_date_until_it_is_met()
    {
        var item = Item("Koulutus", DeploymentStage.Pilot, due: Today.AddDays(-1));
        Assert.True(item.IsOverdue(Today));
        Assert.False(item.IsOverdue(Today.AddDays(-1)));
        Assert.False((item with { Status = ReadinessStatus.Waived }).IsOverdue(Today));
        Assert.False((item with { Due = null }).IsOverdue(Today));
    }
}
