using Digipaja.Core.Common;

namespace Digipaja.Core.Catalogue;

/// <summary>A functionality of the county's digital platform (chat, forms, video meetings…), deployed in waves.</summary>
public sealed class Functionality : ICountyOwned, IVersioned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    /// <summary>Stable machine key used by the API and templates, e.g. "chat"; the name may be edited freely.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int Wave { get; set; }
    public int Version { get; set; } = 1;

    public const int MaxWave = 9;
}

public enum MetricDirection
{
    HigherIsBetter = 1,
    LowerIsBetter = 2,
}

/// <summary>A metric of the county's library that goals pick from.</summary>
public sealed class Metric : ICountyOwned, IVersioned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public required string Name { get; set; }
    public string Definition { get; set; } = "";
    public string Unit { get; set; } = "";
    public MetricDirection Direction { get; set; } = MetricDirection.HigherIsBetter;
    public string DataSource { get; set; } = "";
    public int Version { get; set; } = 1;
}
