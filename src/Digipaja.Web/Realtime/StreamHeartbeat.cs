namespace Digipaja.Web.Realtime;

/// <summary>
/// Pings every stream that has been quiet for a while: an idle connection is not closed by proxies on the way, and a
/// client that vanished without closing is noticed when the write fails. One timer for all streams, none per stream;
/// it looks often, so that the pings of many quiet streams are spread out instead of all going at once.
/// </summary>
public sealed class StreamHeartbeat(WorksheetEventHub hub) : BackgroundService
{
    public static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LookEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                hub.PingQuiet(Environment.TickCount64 - (long)QuietFor.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
