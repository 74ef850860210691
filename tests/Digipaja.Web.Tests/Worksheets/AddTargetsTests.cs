using Digipaja.Core.Worksheets;
using Digipaja.Web.Features.Worksheets;

namespace Digipaja.Web.Tests.Worksheets;

public sealed class AddTargetsTests
{
    private static readonly Guid Sheet = Guid.NewGuid();
    private static readonly Guid User = Guid.NewGuid();
    private static readonly LoadedSheet Target = new(new Worksheet { Id = Sheet, Title = "chat" }, Revision: 1, Member: null);

    private static int Queue(AddTargets targets, string cell, int? lastStored, Guid? sheet = null)
    {
        var given = -1;
        targets.QueueInOrder(sheet ?? Sheet, cell, lastStored, position =>
        {
            given = position;
            return Task.FromResult(true);
        });
        return given;
    }

    [Fact]
    public void Nothing_is_remembered_before_the_worksheet_and_the_cell_were_read()
    {
        var targets = new AddTargets();
        Assert.Null(targets.Remembered(Sheet, User, "goals"));

        targets.Remember(Sheet, User, Target);
        Assert.Null(targets.Remembered(Sheet, User, "goals"));
        Queue(targets, "goals", lastStored: 4);
        Assert.Null(targets.Remembered(Sheet, User, "metrics"));
        Assert.Null(targets.Remembered(Sheet, Guid.NewGuid(), "goals"));
        Assert.Same(Target, targets.Remembered(Sheet, User, "goals"));
    }

    [Fact]
    public void Positions_follow_the_last_one_read_and_an_empty_cell_starts_at_zero()
    {
        var targets = new AddTargets();
        Assert.Equal(0, Queue(targets, "goals", lastStored: null));
        Assert.Equal(8, Queue(targets, "metrics", lastStored: 7));
        Assert.Equal(9, Queue(targets, "metrics", lastStored: null));
    }

    [Fact]
    public void A_read_older_than_the_positions_already_given_out_does_not_take_them_back()
    {
        var targets = new AddTargets();
        Queue(targets, "goals", lastStored: 10);
        Assert.Equal(12, Queue(targets, "goals", lastStored: 3));
    }

    [Fact]
    public void Notes_of_a_cell_queued_at_the_same_moment_are_queued_in_the_order_of_their_positions()
    {
        var targets = new AddTargets();
        var queued = new List<int>();
        Parallel.For(0, 1000, _ => targets.QueueInOrder(Sheet, "goals", lastStored: null, position =>
        {
            queued.Add(position);
            return Task.FromResult(true);
        }));
        Assert.Equal(Enumerable.Range(0, 1000), queued);
    }

    [Fact]
    public void A_forgotten_worksheet_is_read_again()
    {
        var targets = new AddTargets();
        targets.Remember(Sheet, User, Target);
        Queue(targets, "goals", lastStored: 0);
        targets.Forget(Sheet, User);
        Assert.Null(targets.Remembered(Sheet, User, "goals"));
    }

    [Fact]
    public void Past_its_bound_it_forgets_everything_it_knew()
    {
        var targets = new AddTargets();
        targets.Remember(Sheet, User, Target);
        Queue(targets, "goals", lastStored: 0);
        for (var i = 0; i < AddTargets.MaxEntries; i++) targets.Remember(Guid.NewGuid(), User, Target);
        Assert.Null(targets.Remembered(Sheet, User, "goals"));
    }
}
