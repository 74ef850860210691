using Digipaja.Core.Common;

namespace Digipaja.Core.Plans;

/// <summary>
/// A plan published as a version: the plan as it was assembled at the moment of publishing, stored in the plan's one
/// JSON shape (<see cref="PlanJson"/>). The snapshot is set once and never written again, so later worksheet changes
/// cannot alter it; only the name of the scope and the sharing choice sit beside it. A county may share a version
/// with the other counties of the installation, who read it and may copy its structure, never change it.
/// </summary>
public sealed class PlanVersion : ICountyOwned, IVersioned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public PlanLevel Level { get; set; }
    /// <summary>The county, service area or service line the plan covers.</summary>
    public Guid ScopeId { get; set; }
    public string ScopeCode { get; set; } = "";
    public required string ScopeName { get; set; }
    public required string Name { get; set; }
    public DateTime PublishedAt { get; set; }
    public Guid? PublishedById { get; set; }
    public string PublishedByName { get; set; } = "";
    /// <summary>The plan in <see cref="PlanJson"/>; init-only, and the database context refuses to update it.</summary>
    public required string Snapshot { get; init; }
    /// <summary>Opt-in: other counties of the installation may read the version and copy its structure.</summary>
    public bool IsShared { get; set; }
    /// <summary>Guards the share toggle against two people changing it from stale pages.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Why the name cannot be used, or null when it can (required, at most 200 characters).</summary>
    public static FieldError? CheckName(string? name) => TextRules.CheckRequiredName("name", name, TextRules.NameMaxLength);

    /// <summary>A new version of the plan; the caller checks the name first.</summary>
    public static PlanVersion Publish(Plan plan, string name, Guid? publishedById, string publishedByName, DateTime publishedAt) => new()
    {
        Level = plan.Scope.Level,
        ScopeId = plan.Scope.Id,
        ScopeCode = plan.Scope.Code,
        ScopeName = plan.Scope.Name,
        Name = name.Trim(),
        PublishedAt = publishedAt,
        PublishedById = publishedById,
        PublishedByName = publishedByName,
        Snapshot = PlanJson.Serialize(plan),
    };

    public Plan ReadPlan() => PlanJson.Deserialize(Snapshot);
}
