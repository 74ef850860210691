using System.Diagnostics;
using Digipaja.Web.Observability;

namespace Digipaja.Web.Features.Plans;

/// <summary>Limits of the PDF print queue (configuration section <c>Pdf</c>).</summary>
public sealed class PrintOptions
{
    /// <summary>PDFs printed at once on one app node: each print is a Chromium taking a core.</summary>
    public int MaxPrinting { get; set; } = 2;

    /// <summary>PDFs of one user printed at once.</summary>
    public int MaxPrintingPerUser { get; set; } = 1;

    /// <summary>PDFs of one user waiting for their turn; one more is refused with 429.</summary>
    public int MaxWaitingPerUser { get; set; } = 2;

    /// <summary>
    /// The limits of Word and Excel files (configuration section <c>Files</c>): a county's file takes a few hundred
    /// milliseconds of a core to write, so a node writes them on at most half its cores, one per user, and a user's
    /// burst waits in line behind their own file instead of taking the cores everyone else's pages need.
    /// </summary>
    public static PrintOptions ForFiles() => new()
    {
        MaxPrinting = Math.Max(1, Environment.ProcessorCount / 2), MaxPrintingPerUser = 1, MaxWaitingPerUser = 4,
    };
}

/// <summary>
/// The PDF print queue of one app node. A print is only prepared and run when its turn comes, so a burst of requests
/// costs nothing but a place in the queue while it waits. Users take turns: when a print slot frees, it goes to the
/// waiting user who was served least recently (a user who has never been served goes first, in order of arrival),
/// so one user's burst of PDFs cannot push another user's single PDF behind all of its own. Each user has at most
/// <see cref="PrintOptions.MaxPrintingPerUser"/> prints running and <see cref="PrintOptions.MaxWaitingPerUser"/> waiting.
/// The same queue, with its own limits, takes turns for Word and Excel files (<see cref="Files"/>).
/// </summary>
public sealed class PrintQueue(PrintOptions options, string kind = PrintQueue.Pdf)
{
    /// <summary>The queue's kind: the tag of its metrics and, for the files' queue, the key of its service.</summary>
    public const string Pdf = "pdf", Files = "files";

    private readonly Lock gate = new();
    // Users with a print waiting or running; a user with neither leaves no entry behind.
    private readonly Dictionary<string, UserPrints> users = [];
    private int printing;
    private long joined;
    private long served;
    // Seconds a print takes, averaged over the recent ones: what Retry-After is estimated from.
    private double averageSeconds = 10;
    private readonly KeyValuePair<string, object?> tag = new("digipaja.queue", kind);

    public PrintOptions Options => options;

    public string Kind => kind;

    /// <summary>
    /// A place in the queue for one PDF of <paramref name="user"/>, or null when the user already has as many PDFs
    /// printing and waiting as allowed. Disposing the turn gives the place back, whether it is waiting or printing.
    /// </summary>
    public PrintTurn? TryJoin(string user)
    {
        lock (gate)
        {
            users.TryGetValue(user, out var prints);
            var canStartNow = printing < options.MaxPrinting && (prints?.Printing ?? 0) < options.MaxPrintingPerUser;
            if (!canStartNow && (prints?.Waiting.Count ?? 0) >= options.MaxWaitingPerUser) return null;
            if (prints is null) users[user] = prints = new UserPrints();
            var turn = new PrintTurn(this, user, ++joined);
            prints.Waiting.AddLast(turn);
            AppMetrics.PrintsWaiting.Add(1, tag);
            Dispatch();
            return turn;
        }
    }

    /// <summary>How long the caller should wait before trying again when <see cref="TryJoin"/> refused.</summary>
    public TimeSpan RetryAfter
    {
        get
        {
            lock (gate) return TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(averageSeconds), 1, 600));
        }
    }

    /// <summary>The places of the user's PDFs: 0 for one printing, N for one that is number N in the queue.</summary>
    public IReadOnlyList<int> PlacesOf(string user)
    {
        lock (gate)
        {
            if (!users.TryGetValue(user, out var prints)) return [];
            var places = Enumerable.Repeat(0, prints.Printing).ToList();
            var order = WaitingOrder();
            places.AddRange(prints.Waiting.Select(t => order.IndexOf(t) + 1));
            return places;
        }
    }

    /// <summary>0 while the turn's PDF is printing (or done), otherwise its number in the queue.</summary>
    internal int PlaceOf(PrintTurn turn)
    {
        lock (gate) return turn.State == PrintState.Waiting ? WaitingOrder().IndexOf(turn) + 1 : 0;
    }

    /// <summary>Numbers of PDFs printing and waiting on this node.</summary>
    public (int Printing, int Waiting) Counts
    {
        get
        {
            lock (gate) return (printing, users.Values.Sum(u => u.Waiting.Count));
        }
    }

    internal void Leave(PrintTurn turn)
    {
        lock (gate)
        {
            if (turn.State == PrintState.Done) return;
            var prints = users[turn.User];
            if (turn.State == PrintState.Waiting)
            {
                prints.Waiting.Remove(turn);
                AppMetrics.PrintsWaiting.Add(-1, tag);
                turn.Cancel();
            }
            else
            {
                prints.Printing--;
                printing--;
                AppMetrics.PrintsRunning.Add(-1, tag);
                var seconds = Stopwatch.GetElapsedTime(turn.StartedAt).TotalSeconds;
                AppMetrics.PrintDuration.Record(seconds, tag);
                averageSeconds = 0.8 * averageSeconds + 0.2 * seconds;
            }
            turn.State = PrintState.Done;
            if (prints.Printing == 0 && prints.Waiting.Count == 0) users.Remove(turn.User);
            Dispatch();
        }
    }

    /// <summary>Starts waiting prints while there are free slots, each time the next user's turn.</summary>
    private void Dispatch()
    {
        while (printing < options.MaxPrinting && NextUser() is { } next)
        {
            var turn = next.Waiting.First!.Value;
            next.Waiting.RemoveFirst();
            next.Printing++;
            next.LastServed = ++served;
            printing++;
            AppMetrics.PrintsWaiting.Add(-1, tag);
            AppMetrics.PrintsRunning.Add(1, tag);
            AppMetrics.PrintWait.Record(Stopwatch.GetElapsedTime(turn.JoinedAt).TotalSeconds, tag);
            turn.Start();
        }
    }

    /// <summary>The user whose turn it is: of those with a print waiting and room to print, the least recently served.</summary>
    private UserPrints? NextUser()
    {
        UserPrints? next = null;
        foreach (var prints in users.Values)
        {
            if (prints.Waiting.Count == 0 || prints.Printing >= options.MaxPrintingPerUser) continue;
            if (next is null || Before(prints, next)) next = prints;
        }
        return next;
    }

    private static bool Before(UserPrints a, UserPrints b) =>
        a.LastServed != b.LastServed ? a.LastServed < b.LastServed : a.Waiting.First!.Value.Seq < b.Waiting.First!.Value.Seq;

    /// <summary>
    /// The order in which the waiting prints would start if each took as long as the others: the users' turns played
    /// out on copies of their queues. A user's limit of prints at once is left out, so the place is an estimate.
    /// </summary>
    private List<PrintTurn> WaitingOrder()
    {
        var queues = users.Values.Where(u => u.Waiting.Count > 0)
            .Select(u => new SimulatedUser(u.LastServed, new Queue<PrintTurn>(u.Waiting))).ToList();
        var order = new List<PrintTurn>();
        var virtualServed = served;
        while (queues.Count > 0)
        {
            var next = queues.MinBy(q => (q.LastServed, q.Turns.Peek().Seq))!;
            order.Add(next.Turns.Dequeue());
            next.LastServed = ++virtualServed;
            if (next.Turns.Count == 0) queues.Remove(next);
        }
        return order;
    }

    private sealed class SimulatedUser(long lastServed, Queue<PrintTurn> turns)
    {
        public long LastServed { get; set; } = lastServed;
        public Queue<PrintTurn> Turns { get; } = turns;
    }

    private sealed class UserPrints
    {
        public LinkedList<PrintTurn> Waiting { get; } = new();
        public int Printing { get; set; }
        public long LastServed { get; set; }
    }
}

internal enum PrintState { Waiting, Printing, Done }

/// <summary>One PDF's place in the <see cref="PrintQueue"/>: wait for it, print, then dispose it.</summary>
public sealed class PrintTurn : IDisposable
{
    private readonly PrintQueue queue;
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal PrintTurn(PrintQueue queue, string user, long seq)
    {
        this.queue = queue;
        User = user;
        Seq = seq;
    }

    internal string User { get; }
    internal long Seq { get; }
    internal PrintState State { get; set; } = PrintState.Waiting;
    internal long JoinedAt { get; } = Stopwatch.GetTimestamp();
    internal long StartedAt { get; private set; }

    /// <summary>0 once printing, otherwise the PDF's number in the queue.</summary>
    public int Place => queue.PlaceOf(this);

    public bool IsPrinting => started.Task.IsCompletedSuccessfully;

    /// <summary>Completes when it is this PDF's turn to print; cancelling gives the place back.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        try
        {
            await started.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            Dispose();
            throw;
        }
    }

    internal void Start()
    {
        State = PrintState.Printing;
        StartedAt = Stopwatch.GetTimestamp();
        started.TrySetResult();
    }

    internal void Cancel() => started.TrySetCanceled();

    public void Dispose() => queue.Leave(this);
}
