namespace Digipaja.Web.Realtime;

/// <summary>
/// Pings every open stream now and then: an idle connection is not closed by proxies on the way, and a client that
/// vanished without closing is noticed when the write fails. One timer for all streams, none per stream.
/// </summary>
public sealed class StreamHeartbeat(WorksheetEventHub hub) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) hub.PingAll();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
