using Digipaja.Core.Common;
using Digipaja.Core.Plans;

namespace Digipaja.Core.Tests.Plans;

/// <summary>A line plan built by hand with only the parts a test gives it, for tests of what reads a plan.</summary>
internal static class SmallPlan
{
    public static readonly LineRef Nao = new(Guid.NewGuid(), "NAO", "Neuvonta", Guid.NewGuid(), "IKÄ", "Ikääntyneet");
    public static readonly FunctionalityRef Chat = new("chat", "Chat", 1);
    public static readonly SourceRef Source = new(Guid.NewGuid(), "Chat NAO", Guid.NewGuid(), "operations", "tasks", Guid.NewGuid());

    public static Plan With(IReadOnlyList<WorkItem>? work = null, IReadOnlyList<PlanEntry>? customers = null, IReadOnlyList<PlanGap>? gaps = null) =>
        new(new PlanScope(PlanLevel.ServiceLine, Nao.Id, Nao.Code, Nao.Name), new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc),
            [Nao], [Chat], [], [], work ?? [], [], customers ?? [], [], [], [], gaps ?? [], new Dictionary<string, LocalizedText>());
}
