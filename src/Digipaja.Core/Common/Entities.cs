namespace Digipaja.Core.Common;

/// <summary>Data that belongs to one county; every read and write of it is scoped to the caller's county.</summary>
public interface ICountyOwned
{
    Guid CountyId { get; set; }
}

/// <summary>
/// An item edited by people who may not see each other's changes: the version a change was based on
/// must still be current, otherwise the change is refused instead of overwriting the newer one.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>An item whose every change is written to the history.</summary>
public interface IAudited
{
    Guid Id { get; }
}

/// <summary>An audited item whose changes are also listed in the history of a larger whole, e.g. its worksheet.</summary>
public interface IAuditScoped
{
    Guid AuditScopeId { get; }
}
