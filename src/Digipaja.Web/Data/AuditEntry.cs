namespace Digipaja.Web.Data;

/// <summary>One recorded change: who changed what, when, and the values before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid CountyId { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    /// <summary>The whole the change belongs to (e.g. its worksheet), for that whole's own history view.</summary>
    public Guid? ScopeId { get; set; }
    /// <summary>"added", "modified" or "deleted".</summary>
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
