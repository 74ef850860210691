using Digipaja.Web.Features.Plans;

namespace Digipaja.Web.Tests.Plans;

/// <summary>The print queue's turns, limits and cancellation, with a fake printer whose prints end when the test says.</summary>
public sealed class PrintQueueTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    /// <summary>A fake print: waits for its turn, notes that it started, and ends when <see cref="Finish"/> is called.</summary>
    private sealed class FakePrint
    {
        private readonly TaskCompletionSource finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FakePrint(PrintQueue queue, string user, List<string> started, string name, CancellationToken ct = default)
        {
            Turn = queue.TryJoin(user);
            Name = name;
            Done = Turn is null ? Task.CompletedTask : RunAsync(started, ct);
        }

        public PrintTurn? Turn { get; }
        public string Name { get; }
        public Task Done { get; }

        private async Task RunAsync(List<string> started, CancellationToken ct)
        {
            using var turn = Turn!;
            await turn.WaitAsync(ct);
            lock (started) started.Add(Name);
            await finish.Task;
        }

        public async Task Finish()
        {
            finish.TrySetResult();
            await Done.WaitAsync(Soon);
        }
    }

    private static PrintQueue Queue(int printing = 1, int perUser = 1, int waiting = 2) =>
        new(new PrintOptions { MaxPrinting = printing, MaxPrintingPerUser = perUser, MaxWaitingPerUser = waiting });

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException();
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Another_users_single_pdf_starts_before_the_third_of_a_user_who_sent_a_burst()
    {
        var queue = Queue(printing: 1);
        var started = new List<string>();
        var a1 = new FakePrint(queue, "a", started, "a1");
        var a2 = new FakePrint(queue, "a", started, "a2");
        var a3 = new FakePrint(queue, "a", started, "a3");
        var b1 = new FakePrint(queue, "b", started, "b1");
        await Until(() => started.Count == 1);

        Assert.Equal([0, 2, 3], queue.PlacesOf("a"));
        Assert.Equal([1], queue.PlacesOf("b"));
        await a1.Finish();
        await Until(() => started.Count == 2);
        await b1.Finish();
        await Until(() => started.Count == 3);
        await a2.Finish();
        await Until(() => started.Count == 4);
        await a3.Finish();

        Assert.Equal(["a1", "b1", "a2", "a3"], started);
        Assert.Equal((0, 0), queue.Counts);
    }

    [Fact]
    public async Task A_user_prints_one_pdf_at_a_time_and_another_user_takes_the_free_slot()
    {
        var queue = Queue(printing: 2);
        var started = new List<string>();
        var a1 = new FakePrint(queue, "a", started, "a1");
        var a2 = new FakePrint(queue, "a", started, "a2");
        await Until(() => started.Count == 1);
        var b1 = new FakePrint(queue, "b", started, "b1");
        await Until(() => started.Count == 2);

        Assert.Equal(["a1", "b1"], started);
        Assert.Equal((2, 1), queue.Counts);
        await a1.Finish();
        await Until(() => started.Count == 3);
        await a2.Finish();
        await b1.Finish();
    }

    [Fact]
    public async Task One_printing_and_two_waiting_are_allowed_per_user_and_a_fourth_is_refused_while_others_still_join()
    {
        var queue = Queue(printing: 2);
        var started = new List<string>();
        var prints = Enumerable.Range(1, 3).Select(i => new FakePrint(queue, "a", started, $"a{i}")).ToList();

        Assert.All(prints, p => Assert.NotNull(p.Turn));
        Assert.Null(queue.TryJoin("a"));
        var b1 = new FakePrint(queue, "b", started, "b1");
        Assert.NotNull(b1.Turn);
        await Until(() => started.Count == 2);

        await prints[0].Finish();
        using (var again = queue.TryJoin("a")) Assert.NotNull(again);
        foreach (var p in prints.Skip(1)) await p.Finish();
        await b1.Finish();
    }

    [Fact]
    public async Task The_limits_are_configurable()
    {
        var queue = Queue(printing: 3, perUser: 2, waiting: 1);
        var started = new List<string>();
        var prints = Enumerable.Range(1, 3).Select(i => new FakePrint(queue, "a", started, $"a{i}")).ToList();
        await Until(() => started.Count == 2);

        Assert.Null(queue.TryJoin("a"));
        Assert.Equal([0, 0, 1], queue.PlacesOf("a"));
        foreach (var p in prints) await p.Finish();
    }

    [Fact]
    public async Task A_cancelled_wait_gives_its_place_back_and_the_next_in_line_moves_up()
    {
        var queue = Queue(printing: 1);
        var started = new List<string>();
        using var leaving = new CancellationTokenSource();
        var a1 = new FakePrint(queue, "a", started, "a1");
        var a2 = new FakePrint(queue, "a", started, "a2", leaving.Token);
        var a3 = new FakePrint(queue, "a", started, "a3");
        var b1 = new FakePrint(queue, "b", started, "b1");
        await Until(() => started.Count == 1);
        Assert.Null(queue.TryJoin("a"));

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a2.Done.WaitAsync(Soon));

        Assert.Equal((1, 2), queue.Counts);
        Assert.Equal([0, 2], queue.PlacesOf("a"));
        using (var joined = queue.TryJoin("a")) Assert.NotNull(joined);
        await a1.Finish();
        await Until(() => started.Count == 2);
        await b1.Finish();
        await Until(() => started.Count == 3);
        await a3.Finish();
        Assert.Equal(["a1", "b1", "a3"], started);
    }

    [Fact]
    public async Task A_print_that_ends_by_cancellation_frees_its_slot()
    {
        var queue = Queue(printing: 1);
        var started = new List<string>();
        var a1 = queue.TryJoin("a")!;
        await a1.WaitAsync(CancellationToken.None);
        var b1 = new FakePrint(queue, "b", started, "b1");
        Assert.Equal(1, b1.Turn!.Place);

        a1.Dispose(); // the request was aborted while Chromium printed
        await Until(() => started.Count == 1);

        Assert.Equal(0, b1.Turn.Place);
        await b1.Finish();
        Assert.Equal((0, 0), queue.Counts);
    }
}
