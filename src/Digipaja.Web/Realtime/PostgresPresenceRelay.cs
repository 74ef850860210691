using System.Text.Json;
using System.Threading.Channels;
using Npgsql;

namespace Digipaja.Web.Realtime;

/// <summary>
/// Presence across app nodes on one PostgreSQL: each change is a NOTIFY on its own channel, sent in batches so that a
/// connect storm costs a few statements, not one per join. Every node says it is alive every
/// <see cref="AliveEvery"/>; a node that (re)starts listening says hello and the others answer with their people.
/// Nothing is stored: presence needs no history, and a node that disappears is forgotten with its people.
/// </summary>
public sealed class PostgresPresenceRelay(string connectionString, ILogger<PostgresPresenceRelay> log) : BackgroundService, IPresenceRelay
{
    public const string Channel = "digipaja_presence";
    public static readonly TimeSpan AliveEvery = TimeSpan.FromSeconds(15);
    /// <summary>How often silent nodes are looked for, whether or not there is anything to send.</summary>
    public static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(5);

    /// <summary>
    /// What travels in a NOTIFY, from node <paramref name="From"/>: a change of a person whose connection node
    /// <paramref name="Node"/> holds, or a node's "alive" or "hello" (then without a person).
    /// </summary>
    public sealed record Wire(Guid From, Guid Node, string State, Guid? WorksheetId = null, Presence.Person? Person = null);

    // Presence is set after construction: the presence service and its relay need each other.
    private Presence? presence;
    private readonly Channel<string> outbox = System.Threading.Channels.Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public void Attach(Presence presence) => this.presence = presence;

    public void Announce(Presence.Message message)
    {
        if (presence is { } p) Send(new Wire(p.Node, message.Node, message.State, message.WorksheetId, message.Person));
    }

    /// <summary>This node (re)started listening: the others tell it who is with them.</summary>
    public void Hello()
    {
        if (presence is { } p) Send(new Wire(p.Node, p.Node, "hello"));
    }

    /// <summary>A NOTIFY on the presence channel, from any node (this one included).</summary>
    public void Received(string payload)
    {
        if (presence is not { } p) return;
        Wire? wire;
        try
        {
            wire = JsonSerializer.Deserialize<Wire>(payload, LiveEvents.Json);
        }
        catch (JsonException)
        {
            return;
        }
        if (wire is null || wire.From == p.Node) return; // this node's own NOTIFY, back from PostgreSQL
        switch (wire.State)
        {
            case "alive":
                p.Heard(wire.Node);
                break;
            case "hello":
                p.Heard(wire.Node);
                foreach (var message in p.LocalMessages()) Announce(message);
                break;
            default:
                if (wire is { WorksheetId: { } sheet, Person: { } person })
                    p.Receive(new Presence.Message(wire.Node, sheet, wire.State, person), wire.From);
                break;
        }
    }

    private void Send(Wire wire) => outbox.Writer.TryWrite(JsonSerializer.Serialize(wire, LiveEvents.Json));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextAlive = DateTime.UtcNow;
        var batch = new List<string>();
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                wait.CancelAfter(LookEvery);
                try
                {
                    await outbox.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }
            if (presence is { } p)
            {
                if (DateTime.UtcNow >= nextAlive)
                {
                    nextAlive = DateTime.UtcNow + AliveEvery;
                    Send(new Wire(p.Node, p.Node, "alive"));
                }
                // Looked for on every turn (at least every LookEvery), not only with the heartbeat: a dead node's people
                // are gone soon after its timeout, not up to a heartbeat later.
                p.ForgetSilentNodes();
            }
            while (batch.Count < 200 && outbox.Reader.TryRead(out var payload)) batch.Add(payload);
            if (batch.Count == 0) continue;
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                await using var notify = new NpgsqlBatch(connection);
                foreach (var payload in batch)
                    notify.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
                    {
                        Parameters = { new NpgsqlParameter { Value = Channel }, new NpgsqlParameter { Value = payload } },
                    });
                await notify.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Presence is a courtesy: the other nodes miss these changes until the next hello, and say so nowhere else.
                log.LogWarning(e, "Announcing {Count} presence changes to the other nodes failed", batch.Count);
            }
            batch.Clear();
        }
    }
}
