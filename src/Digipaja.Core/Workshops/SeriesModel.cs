using Digipaja.Core.Common;

namespace Digipaja.Core.Workshops;

/// <summary>A facilitated series of workshops for one service line, or several lines together.</summary>
public sealed class WorkshopSeries : ICountyOwned, IVersioned, IAudited, IAuditScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public required string Name { get; set; }
    /// <summary>Where the workshops are held (a meeting link or a room); fills {link} in invitations.</summary>
    public string Link { get; set; } = "";
    public required string InvitationSubject { get; set; }
    public required string InvitationTemplate { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public int Version { get; set; } = 1;
    public List<SeriesServiceLine> ServiceLines { get; set; } = [];
    public List<Workshop> Workshops { get; set; } = [];
    public List<SeriesMember> Members { get; set; } = [];
    public List<PreTask> PreTasks { get; set; } = [];

    public Guid AuditScopeId => Id;
}

public sealed class SeriesServiceLine : ICountyOwned
{
    public Guid SeriesId { get; set; }
    public Guid ServiceLineId { get; set; }
    public Guid CountyId { get; set; }
}

public enum SeriesRole
{
    Facilitator = 1,
    Participant = 2,
}

/// <summary>A user invited to a series, as its facilitator or a participant.</summary>
public sealed class SeriesMember : ICountyOwned, IAudited, IAuditScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid SeriesId { get; set; }
    public Guid UserId { get; set; }
    public SeriesRole Role { get; set; } = SeriesRole.Participant;
    public DateTime InvitedAt { get; set; } = DateTime.UtcNow;
    public Guid AuditScopeId => SeriesId;
}

public sealed class Workshop : ICountyOwned, IVersioned, IAudited, IAuditScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid SeriesId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public string Topic { get; set; } = "";
    /// <summary>"After this workshop we have …"</summary>
    public string Goal { get; set; } = "";
    /// <summary>Start time in UTC; null until the facilitator books it.</summary>
    public DateTime? StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    /// <summary>Which worksheets the workshop covers: "wave-1", "wave-2", "change" or "none".</summary>
    public string Covers { get; set; } = "none";
    public int Version { get; set; } = 1;
    public List<AgendaItem> Agenda { get; set; } = [];
    public Guid AuditScopeId => SeriesId;
}

public sealed class AgendaItem : ICountyOwned, IVersioned, IAudited, IAuditScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid WorkshopId { get; set; }
    public Guid SeriesId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public int Minutes { get; set; }
    public int Version { get; set; } = 1;
    public Guid AuditScopeId => SeriesId;
}

/// <summary>A task to do before the workshops, assigned to some participants, each ticking it off themselves.</summary>
public sealed class PreTask : ICountyOwned, IVersioned, IAudited, IAuditScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid SeriesId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public int Version { get; set; } = 1;
    public List<PreTaskAssignment> Assignments { get; set; } = [];
    public Guid AuditScopeId => SeriesId;
}

public sealed class PreTaskAssignment : ICountyOwned, IAudited, IAuditScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid PreTaskId { get; set; }
    public Guid SeriesId { get; set; }
    public Guid UserId { get; set; }
    public DateTime? DoneAt { get; set; }
    public Guid AuditScopeId => SeriesId;
}
