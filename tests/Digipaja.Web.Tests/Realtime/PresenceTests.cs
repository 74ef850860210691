using Digipaja.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Digipaja.Web.Tests.Realtime;

/// <summary>Presence of other app nodes' people, without a database: what one node is told and when it forgets.</summary>
public sealed class PresenceTests
{
    private static readonly Guid Sheet = Guid.NewGuid();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly Presence presence;

    public PresenceTests()
    {
        var hub = new WorksheetEventHub(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            NullLogger<WorksheetEventHub>.Instance);
        presence = new Presence(hub, new NoPresenceRelay(), clock);
    }

    private static Presence.Person Person(string name) => new(Guid.NewGuid(), Guid.NewGuid(), name, null);

    [Fact]
    public void People_of_a_node_that_falls_silent_are_forgotten_while_those_of_a_node_that_says_it_is_alive_stay()
    {
        var silent = Guid.NewGuid();
        var alive = Guid.NewGuid();
        presence.Receive(new Presence.Message(silent, Sheet, "joined", Person("Hiljainen")));
        presence.Receive(new Presence.Message(alive, Sheet, "joined", Person("Elävä")));

        clock.Advance(Presence.NodeTimeout - TimeSpan.FromSeconds(30));
        presence.Heard(alive);
        presence.ForgetSilentNodes();
        Assert.Equal(2, presence.Current(Sheet).Count);

        clock.Advance(TimeSpan.FromSeconds(31));
        presence.ForgetSilentNodes();
        Assert.Equal(["Elävä"], presence.Current(Sheet).Select(p => p.Name));
    }

    [Fact]
    public void People_of_a_node_that_died_are_gone_within_a_minute_of_its_last_heartbeat()
    {
        var dead = Guid.NewGuid();
        presence.Receive(new Presence.Message(dead, Sheet, "joined", Person("Kaatunut")));
        presence.Heard(dead); // its last heartbeat

        // Each node looks for silent nodes every LookEvery: the latest look after the timeout is still within the minute.
        Assert.True(Presence.NodeTimeout + PostgresPresenceRelay.LookEvery <= TimeSpan.FromMinutes(1));
        Assert.True(Presence.NodeTimeout >= 2 * PostgresPresenceRelay.AliveEvery, "a node missing one heartbeat must not be dropped");
        clock.Advance(Presence.NodeTimeout + TimeSpan.FromSeconds(1));
        presence.ForgetSilentNodes();
        Assert.Empty(presence.Current(Sheet));
    }

    [Fact]
    public void A_move_passed_on_by_a_live_node_does_not_keep_a_dead_nodes_people_listed()
    {
        var dead = Guid.NewGuid();
        var alive = Guid.NewGuid();
        var person = Person("Kaatuneen solmun");
        presence.Receive(new Presence.Message(dead, Sheet, "joined", person));

        // The page asked a live node to move the person, whose stream the dead node held; the live node tells the others.
        clock.Advance(Presence.NodeTimeout - TimeSpan.FromSeconds(5));
        presence.Receive(new Presence.Message(dead, Sheet, "moved", person with { SectionKey = "goals" }), from: alive);
        clock.Advance(TimeSpan.FromSeconds(6));
        presence.ForgetSilentNodes();

        Assert.Empty(presence.Current(Sheet));
    }

    [Fact]
    public void A_move_is_accepted_only_for_the_users_own_connection_on_that_worksheet()
    {
        var person = Person("Liikkuja");
        presence.Receive(new Presence.Message(Guid.NewGuid(), Sheet, "joined", person));

        Assert.False(presence.Move(Sheet, person.ConnectionId, Guid.NewGuid(), "goals"));
        Assert.False(presence.Move(Guid.NewGuid(), person.ConnectionId, person.UserId, "goals"));
        Assert.True(presence.Move(Sheet, person.ConnectionId, person.UserId, "goals"));
        Assert.Equal("goals", Assert.Single(presence.Current(Sheet)).SectionKey);

        presence.Receive(new Presence.Message(Guid.NewGuid(), Sheet, "left", person));
        Assert.Empty(presence.Current(Sheet));
    }
}
