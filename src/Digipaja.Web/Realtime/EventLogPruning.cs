using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Realtime;

public sealed class EventLogOptions
{
    /// <summary>How long the live events are kept for clients to catch up; older ones get a "reload" signal instead.</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan Every { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Keeps the live event log from growing without end. Worksheet history lives in the audit log, not here.</summary>
public sealed class EventLogPruning(IServiceScopeFactory scopes, EventLogOptions options, TimeProvider time, ILogger<EventLogPruning> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Every, time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Pruning the live event log failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PruneAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DigipajaDb>();
        var before = time.GetUtcNow().UtcDateTime - options.KeepFor;
        return await db.WorksheetEvents.IgnoreQueryFilters().Where(e => e.At < before).ExecuteDeleteAsync(ct);
    }
}
