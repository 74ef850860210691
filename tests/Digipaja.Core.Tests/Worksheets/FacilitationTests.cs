using Digipaja.Core.Worksheets;

namespace Digipaja.Core.Tests.Worksheets;

public sealed class FacilitationTests
{
    private static readonly DateTime Now = new(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_started_timer_runs_until_its_minutes_are_up()
    {
        var (next, error) = TimerState.Stopped.Apply("start", 5, Now);
        Assert.Null(error);
        Assert.Equal(Now.AddMinutes(5), next!.EndsAt);
        Assert.Equal(300, next.SecondsLeft(Now));
        Assert.Equal(0, next.SecondsLeft(Now.AddMinutes(7)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(181)]
    public void A_timer_of_no_time_or_over_three_hours_is_refused(int minutes) =>
        Assert.Equal("worksheet.timer_minutes", TimerState.Stopped.Apply("start", minutes, Now).ErrorKey);

    [Fact]
    public void A_paused_timer_keeps_what_was_left_and_resumes_from_there()
    {
        var running = new TimerState(Now.AddMinutes(3), null);
        var paused = running.Apply("pause", 0, Now.AddSeconds(30)).Next!;
        Assert.Equal((null, 150), (paused.EndsAt, paused.PausedSeconds));
        var resumed = paused.Apply("resume", 0, Now.AddMinutes(10)).Next!;
        Assert.Equal(Now.AddMinutes(10).AddSeconds(150), resumed.EndsAt);
        Assert.Null(resumed.PausedSeconds);
    }

    [Fact]
    public void Extending_adds_a_minute_and_a_timer_that_ran_out_gets_its_minute_from_now()
    {
        Assert.Equal(Now.AddMinutes(3), new TimerState(Now.AddMinutes(2), null).Apply("extend", 0, Now).Next!.EndsAt);
        Assert.Equal(Now.AddMinutes(1), new TimerState(Now.AddMinutes(-5), null).Apply("extend", 0, Now).Next!.EndsAt);
        Assert.Equal(100, new TimerState(null, 40).Apply("extend", 0, Now).Next!.PausedSeconds);
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("extend")]
    [InlineData("rewind")]
    public void An_action_that_does_not_fit_a_stopped_timer_changes_nothing(string action)
    {
        var (next, error) = TimerState.Stopped.Apply(action, 5, Now);
        Assert.Null(next);
        Assert.Equal("worksheet.timer_not_running", error);
    }

    [Fact]
    public void Stop_always_stops() =>
        Assert.Equal(TimerState.Stopped, new TimerState(null, 20).Apply("stop", 0, Now).Next);

    [Fact]
    public void Notes_are_private_only_in_the_section_whose_ideation_runs()
    {
        Assert.True(Ideation.IsPrivateWhenWritten("basics", "basics"));
        Assert.False(Ideation.IsPrivateWhenWritten("basics", "customer"));
        Assert.False(Ideation.IsPrivateWhenWritten(null, "basics"));
        Assert.True(Ideation.StaysPrivateAfterMove(true, "basics", "basics"));
        Assert.False(Ideation.StaysPrivateAfterMove(true, "basics", "goals"));
        Assert.False(Ideation.StaysPrivateAfterMove(false, "basics", "basics"));
    }

    [Theory]
    [InlineData(0, "worksheet.ideation_minutes")]
    [InlineData(1, null)]
    [InlineData(60, null)]
    [InlineData(61, "worksheet.ideation_minutes")]
    public void Ideation_lasts_one_to_sixty_minutes(int minutes, string? error) => Assert.Equal(error, Ideation.CheckMinutes(minutes));

    [Fact]
    public void Votes_are_blind_while_open_and_ranked_with_their_dots_once_closed()
    {
        Assert.False(DotVote.CountsVisible(open: true));
        Assert.True(DotVote.CountsVisible(open: false));
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ranked = DotVote.Ranked([a, b, c], id => id, new Dictionary<Guid, int> { [a] = 1, [c] = 4 });
        Assert.Equal([(c, 4), (a, 1)], ranked);
    }

    [Fact]
    public void A_voter_has_a_dot_left_until_the_budget_is_spent()
    {
        Assert.True(DotVote.HasDotLeft(2, 3));
        Assert.False(DotVote.HasDotLeft(3, 3));
        Assert.Equal("vote.votes_per_person", DotVote.CheckVotesPerPerson(0));
        Assert.Null(DotVote.CheckVotesPerPerson(VoteSession.MaxVotesPerPerson));
    }
}
