using System.Collections.Concurrent;
using System.Text.Json;

namespace Digipaja.Web.Realtime;

/// <summary>
/// Who has a worksheet open, and in which section. Presence is kept in memory, not in the event log: it needs no
/// replay (a stream that opens is told the whole list), and a workshop's joins and leaves should cost no database
/// writes. Every change is a passing event for the worksheet's streams on this node, and goes to the other app nodes
/// through <see cref="IPresenceRelay"/>. A node that stops announcing itself is forgotten with its people.
/// </summary>
public sealed class Presence(WorksheetEventHub hub, IPresenceRelay relay, TimeProvider time)
{
    public sealed record Person(Guid ConnectionId, Guid UserId, string Name, string? SectionKey);

    /// <summary>A change as the streams and the other nodes receive it: joined, moved or left, or "all" with everyone.</summary>
    public sealed record Change(string State, Person? Person, IReadOnlyList<Person>? People = null);

    /// <summary>What the nodes tell each other: a change of a connection held by <paramref name="Node"/>.</summary>
    public sealed record Message(Guid Node, Guid WorksheetId, string State, Person Person);

    /// <summary>
    /// How long a node's people stay listed after the node was last heard of. Nodes say they are alive every
    /// <see cref="PostgresPresenceRelay.AliveEvery"/> (15 s), so two missed heartbeats are forgiven; and each node looks
    /// every <see cref="PostgresPresenceRelay.LookEvery"/>, so the people of a node that died (kill -9, a lost host:
    /// no goodbye) are gone within a minute of its last heartbeat instead of staying listed as present.
    /// </summary>
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(45);

    public Guid Node => hub.Node;

    private sealed record Entry(Guid Node, Guid WorksheetId, Person Person);

    // Every connection present, on this node or another, by connection id; and per worksheet, for listing. Changes are
    // rare next to edits (a join, a leave, a move), so one lock keeps the two maps and the order of the events simple.
    private readonly object gate = new();
    private readonly Dictionary<Guid, Entry> connections = [];
    private readonly Dictionary<Guid, Dictionary<Guid, Entry>> sheets = [];
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> nodesHeard = new();

    public IReadOnlyList<Person> Current(Guid worksheetId)
    {
        lock (gate)
            return sheets.TryGetValue(worksheetId, out var people) ? people.Values.Select(e => e.Person).ToList() : [];
    }

    /// <summary>Everyone present as one passing event, sent to a stream when it opens.</summary>
    public WorksheetEventHub.LiveEvent Snapshot(Guid worksheetId) => Encode(new Change("all", null, Current(worksheetId)));

    public void Join(Guid worksheetId, Guid connection, Guid user, string name) =>
        ChangeLocal(worksheetId, "joined", new Person(connection, user, name, null));

    /// <summary>
    /// The person of a connection is now in another section. Any node may be asked (the page's request need not reach
    /// the node that holds the stream); false when there is no such connection of this user on this worksheet.
    /// </summary>
    public bool Move(Guid worksheetId, Guid connection, Guid user, string? sectionKey)
    {
        Entry? entry;
        lock (gate)
            if (!connections.TryGetValue(connection, out entry) || entry.WorksheetId != worksheetId || entry.Person.UserId != user) return false;
        var moved = entry.Person with { SectionKey = sectionKey };
        Apply(entry.Node, worksheetId, "moved", moved);
        relay.Announce(new Message(entry.Node, worksheetId, "moved", moved));
        return true;
    }

    public void Leave(Guid worksheetId, Guid connection)
    {
        Entry? entry;
        lock (gate)
            if (!connections.TryGetValue(connection, out entry) || entry.Node != Node) return;
        ChangeLocal(worksheetId, "left", entry.Person);
    }

    /// <summary>
    /// A change node <paramref name="from"/> announced (of its own connection, or a move of anyone's; by default the
    /// node that holds the connection). Only the sender is known to be alive: a move of a dead node's connection,
    /// passed on by a live node, must not keep the dead node's people listed.
    /// </summary>
    public void Receive(Message message, Guid? from = null)
    {
        var sender = from ?? message.Node;
        if (sender != Node) nodesHeard[sender] = time.GetUtcNow();
        // A node first known through another's message is still forgotten if it is never heard of itself.
        if (message.Node != Node) nodesHeard.TryAdd(message.Node, time.GetUtcNow());
        Apply(message.Node, message.WorksheetId, message.State, message.Person);
    }

    /// <summary>Another node is alive (it says so regularly); its people stay listed.</summary>
    public void Heard(Guid node)
    {
        if (node != Node) nodesHeard[node] = time.GetUtcNow();
    }

    /// <summary>
    /// Forgets the people of nodes not heard of for <see cref="NodeTimeout"/> (a node that stopped without saying
    /// goodbye), telling the streams that they left.
    /// </summary>
    public void ForgetSilentNodes()
    {
        var now = time.GetUtcNow();
        foreach (var (node, heard) in nodesHeard)
        {
            if (now - heard < NodeTimeout) continue;
            nodesHeard.TryRemove(node, out _);
            List<Entry> gone;
            lock (gate) gone = connections.Values.Where(e => e.Node == node).ToList();
            foreach (var entry in gone) Apply(node, entry.WorksheetId, "left", entry.Person);
        }
    }

    /// <summary>This node's own connections, for a node that (re)started listening and asks who is present.</summary>
    public IReadOnlyList<Message> LocalMessages()
    {
        lock (gate)
            return connections.Values.Where(e => e.Node == Node).Select(e => new Message(Node, e.WorksheetId, "joined", e.Person)).ToList();
    }

    private void ChangeLocal(Guid worksheetId, string state, Person person)
    {
        Apply(Node, worksheetId, state, person);
        relay.Announce(new Message(Node, worksheetId, state, person));
    }

    private void Apply(Guid node, Guid worksheetId, string state, Person person)
    {
        lock (gate)
        {
            if (state == "left")
            {
                if (!connections.Remove(person.ConnectionId)) return;
                if (sheets.TryGetValue(worksheetId, out var people) && people.Remove(person.ConnectionId) && people.Count == 0)
                    sheets.Remove(worksheetId);
            }
            else
            {
                if (state == "moved" && !connections.ContainsKey(person.ConnectionId)) return;
                var entry = new Entry(node, worksheetId, person);
                connections[person.ConnectionId] = entry;
                if (!sheets.TryGetValue(worksheetId, out var people)) sheets[worksheetId] = people = [];
                people[person.ConnectionId] = entry;
            }
            // Inside the lock, so that every stream sees one connection's changes in the order they happened.
            hub.Broadcast(worksheetId, Encode(new Change(state, person)));
        }
    }

    private static WorksheetEventHub.LiveEvent Encode(Change change) =>
        new("presence", JsonSerializer.SerializeToUtf8Bytes(change, LiveEvents.Json));
}

/// <summary>Carries presence changes to the other app nodes.</summary>
public interface IPresenceRelay
{
    void Announce(Presence.Message message);
}

/// <summary>One node (SQLite): nobody else to tell.</summary>
public sealed class NoPresenceRelay : IPresenceRelay
{
    public void Announce(Presence.Message message) { }
}
