using Digipaja.Core.Common;

namespace Digipaja.Core.Organisation;

/// <summary>A wellbeing services county (hyvinvointialue): the tenant that owns all other data.</summary>
public sealed class County
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Stable short name used in demo e-mail domains and URLs, e.g. "lansi-uusimaa".</summary>
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

/// <summary>A service area (palvelualue), e.g. services for older people.</summary>
public sealed class ServiceArea : ICountyOwned, IVersioned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public int Version { get; set; } = 1;
    public List<ServiceLine> ServiceLines { get; set; } = [];
}

/// <summary>A service line (palvelulinja) inside a service area, e.g. NAO; workshops are run per line.</summary>
public sealed class ServiceLine : ICountyOwned, IVersioned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid ServiceAreaId { get; set; }
    public ServiceArea? ServiceArea { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; } = 1;
}
