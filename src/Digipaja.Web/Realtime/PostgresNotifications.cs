using Digipaja.Web.Accounts;
using Npgsql;

namespace Digipaja.Web.Realtime;

/// <summary>
/// On PostgreSQL, listens for the events other app nodes commit (NOTIFY at commit) and hands them to this node's hub,
/// for users changed on other nodes, whose token checks this node then makes afresh, and for presence changes.
/// After a lost connection every open feed catches up from the log, every user is checked afresh and the other nodes
/// are asked who is present, so a dropped notification loses nothing.
/// </summary>
public sealed class PostgresNotifications(string connectionString, WorksheetEventHub hub, TokenValidity tokens, PostgresPresenceRelay presence,
    ILogger<PostgresNotifications> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Outside the pool: a connection that has run LISTEN must never be handed to anyone else.
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == PostgresPresenceRelay.Channel)
                    {
                        presence.Received(e.Payload);
                        return;
                    }
                    if (e.Channel == TokenValidity.Channel)
                    {
                        if (Guid.TryParse(e.Payload, out var user)) tokens.Forget([user]);
                        return;
                    }
                    // "worksheet:number:node"; this node's own events were handed over when they were committed. A bare
                    // worksheet id or "worksheet:number" (an older node) means "read what is new".
                    var payload = e.Payload.AsSpan();
                    var colon = payload.IndexOf(':');
                    if (colon < 0)
                    {
                        if (Guid.TryParse(payload, out var any)) hub.Notify(any);
                    }
                    else if (Guid.TryParse(payload[..colon], out var worksheet))
                    {
                        var rest = payload[(colon + 1)..];
                        var second = rest.IndexOf(':');
                        if (second >= 0 && Guid.TryParse(rest[(second + 1)..], out var node) && node == hub.Node) return;
                        if (long.TryParse(second >= 0 ? rest[..second] : rest, out var seq)) hub.Notify(worksheet, seq);
                        else hub.Notify(worksheet);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {LiveEvents.Channel}; LISTEN {TokenValidity.Channel}; LISTEN {PostgresPresenceRelay.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                hub.NotifyAll();
                tokens.ForgetAll();
                presence.Hello();
                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Listening for worksheet events failed; retrying in {Delay}", delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }
}
