using Digipaja.Core.Worksheets;
using Digipaja.Web.Features.Worksheets;

namespace Digipaja.Web.Tests.Worksheets;

public sealed class AddTargetsTests
{
    private static readonly Guid Sheet = Guid.NewGuid();
    private static readonly Guid User = Guid.NewGuid();
    private static readonly LoadedSheet Target = new(new Worksheet { Id = Sheet, Title = "chat" }, Revision: 1, Member: null);

    [Fact]
    public void Nothing_is_reserved_before_the_worksheet_and_the_cell_were_read()
    {
        var targets = new AddTargets();
        Assert.False(targets.TryReserve(Sheet, User, "goals", out _, out _));

        targets.RememberAndReserve(Sheet, User, "goals", Target, lastPosition: 4);
        Assert.False(targets.TryReserve(Sheet, User, "metrics", out _, out _));
        Assert.False(targets.TryReserve(Sheet, Guid.NewGuid(), "goals", out _, out _));
        Assert.True(targets.TryReserve(Sheet, User, "goals", out var found, out _));
        Assert.Same(Target, found);
    }

    [Fact]
    public void Positions_follow_the_last_one_read_and_an_empty_cell_starts_at_zero()
    {
        var targets = new AddTargets();
        Assert.Equal(0, targets.RememberAndReserve(Sheet, User, "goals", Target, lastPosition: null));
        Assert.Equal(8, targets.RememberAndReserve(Sheet, User, "metrics", Target, lastPosition: 7));
        Assert.True(targets.TryReserve(Sheet, User, "metrics", out _, out var next));
        Assert.Equal(9, next);
    }

    [Fact]
    public void A_read_older_than_the_positions_already_given_out_does_not_take_them_back()
    {
        var targets = new AddTargets();
        targets.RememberAndReserve(Sheet, User, "goals", Target, lastPosition: 10);
        Assert.Equal(12, targets.RememberAndReserve(Sheet, User, "goals", Target, lastPosition: 3));
    }

    [Fact]
    public void Notes_reserved_at_the_same_moment_each_get_a_position_of_their_own()
    {
        var targets = new AddTargets();
        targets.RememberAndReserve(Sheet, User, "goals", Target, lastPosition: 0);
        var positions = new int[1000];
        Parallel.For(0, positions.Length, i => Assert.True(targets.TryReserve(Sheet, User, "goals", out _, out positions[i])));
        Assert.Equal(Enumerable.Range(2, positions.Length), positions.Order());
    }

    [Fact]
    public void A_forgotten_worksheet_is_read_again()
    {
        var targets = new AddTargets();
        targets.RememberAndReserve(Sheet, User, "goals", Target, lastPosition: 0);
        targets.Forget(Sheet, User, "goals");
        Assert.False(targets.TryReserve(Sheet, User, "goals", out _, out _));
    }

    [Fact]
    public void Past_its_bound_it_forgets_everything_it_knew()
    {
        var targets = new AddTargets();
        targets.RememberAndReserve(Sheet, User, "goals", Target, lastPosition: 0);
        for (var i = 0; i < AddTargets.MaxEntries; i++) targets.RememberAndReserve(Guid.NewGuid(), User, "goals", Target, lastPosition: 0);
        Assert.False(targets.TryReserve(Sheet, User, "goals", out _, out _));
    }
}
