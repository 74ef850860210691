using Digipaja.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Digipaja.Web.Tests.Realtime;

/// <summary>Presence of other app nodes' people, without a database: what one node is told and when it forgets.</summary>
public sealed class PresenceTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly Guid Sheet = Guid.NewGuid();
    private readonly Clock clock = new();
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

        clock.Now += Presence.NodeTimeout - TimeSpan.FromSeconds(30);
        presence.Heard(alive);
        presence.ForgetSilentNodes();
        Assert.Equal(2, presence.Current(Sheet).Count);

        clock.Now += TimeSpan.FromSeconds(31);
        presence.ForgetSilentNodes();
        Assert.Equal(["Elävä"], presence.Current(Sheet).Select(p => p.Name));
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
