using Digipaja.Core.Common;

namespace Digipaja.Core.Worksheets;

/// <summary>One version of a county's template. Rows are never changed once worksheets use them; tailoring adds a new version.</summary>
public sealed class WorksheetTemplate : ICountyOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    /// <summary>"functionality" or "change": which kind of worksheet this template makes.</summary>
    public required string Kind { get; set; }
    /// <summary>Identifies the template across its versions; a copy gets a key of its own.</summary>
    public required string Key { get; set; }
    public int Version { get; set; } = 1;
    public required string Name { get; set; }
    public required string Definition { get; set; }
    public Guid? CopiedFromId { get; set; }
    /// <summary>The version new worksheets of this kind are made from; one per kind in a county.</summary>
    public bool IsActive { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    /// <summary>Concurrency token for tailoring a version that no worksheet uses yet.</summary>
    public int Revision { get; set; } = 1;

    public TemplateDefinition Parse() => TemplateDefinition.Parse(Definition);
}

/// <summary>A template filled in for a workshop series: one per chosen functionality, and one change worksheet.</summary>
public sealed class Worksheet : ICountyOwned, IVersioned, IAudited, IAuditScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid SeriesId { get; set; }
    public Guid TemplateId { get; set; }
    public WorksheetTemplate? Template { get; set; }
    public Guid? FunctionalityId { get; set; }
    public required string Title { get; set; }
    /// <summary>The section whose individual ideation is running: notes written there stay private until revealed.</summary>
    public string? IdeationSectionKey { get; set; }
    public DateTime? IdeationEndsAt { get; set; }
    /// <summary>The facilitator's timer: when it runs out, or how much was left when it was paused.</summary>
    public DateTime? TimerEndsAt { get; set; }
    public int? TimerPausedSeconds { get; set; }
    /// <summary>The last event number of this worksheet's live stream; raised under a row lock, so events commit in order.</summary>
    public long EventSeq { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public List<WorksheetRow> Rows { get; set; } = [];
    public List<WorksheetItem> Items { get; set; } = [];

    public Guid AuditScopeId => Id;
    public const int DefaultRows = 5;
}

/// <summary>A service row of a worksheet (five by default, more can be added).</summary>
public sealed class WorksheetRow : ICountyOwned, IVersioned, IAudited, IAuditScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid WorksheetId { get; set; }
    public int Position { get; set; }
    public bool IsDeleted { get; set; }
    public int Version { get; set; } = 1;
    public Guid AuditScopeId => WorksheetId;
}

public enum ItemKind
{
    Note = 1,
    Task = 2,
    Metric = 3,
    Phase = 4,
    Milestone = 5,
}

/// <summary>Anything written into a worksheet cell: a note, a task or thing given up, a metric, a phase or milestone.</summary>
public sealed class WorksheetItem : ICountyOwned, IVersioned, IAudited, IAuditScoped
{
    public const int TextMaxLength = 2000;
    public const int ShortMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid WorksheetId { get; set; }
    public required string CellKey { get; set; }
    public Guid? RowId { get; set; }
    public ItemKind Kind { get; set; } = ItemKind.Note;
    public required string Text { get; set; }
    /// <summary>A heading that groups notes of a cell after discussion.</summary>
    public string Group { get; set; } = "";
    public NoteColour Colour { get; set; } = NoteColour.Yellow;
    public string Tag { get; set; } = "";
    public int Position { get; set; }
    /// <summary>Who drives a task (a name or role as the room says it).</summary>
    public string Owner { get; set; } = "";
    public DateOnly? DueDate { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public Guid? MetricId { get; set; }
    /// <summary>
    /// On a milestone: the moment its service goes live. A service row has at most one; the plan's go-live date is this
    /// milestone's date, and a service without one has no go-live date.
    /// </summary>
    public bool IsGoLive { get; set; }
    public Guid? AuthorId { get; set; }
    public string AuthorName { get; set; } = "";
    /// <summary>Written during individual ideation: only the author sees it until the facilitator reveals the section.</summary>
    public bool IsPrivate { get; set; }
    public bool IsDeleted { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public Guid AuditScopeId => WorksheetId;

    public bool IsVisibleTo(Guid? userId) => !IsPrivate || (userId is not null && AuthorId == userId);
}

/// <summary>Note colours; each also has a name, so colour is never the only way to tell notes apart.</summary>
public enum NoteColour
{
    Yellow = 1,
    Green = 2,
    Blue = 3,
    Pink = 4,
    Orange = 5,
    Grey = 6,
}

/// <summary>
/// One change of a worksheet as the live stream sends it. Events are numbered per worksheet in commit order, so a
/// client that reconnects with the last number it saw gets exactly what it missed.
/// </summary>
public sealed class WorksheetEvent : ICountyOwned
{
    public long Id { get; set; }
    public Guid CountyId { get; set; }
    public Guid WorksheetId { get; set; }
    public long Seq { get; set; }
    public DateTime At { get; set; }
    /// <summary>item, row, ideation, timer or presence.</summary>
    public required string Type { get; set; }
    public required string Payload { get; set; }
    /// <summary>Set for a note still private to its author: only that user receives the event.</summary>
    public Guid? AudienceUserId { get; set; }

    public bool IsFor(Guid? userId) => AudienceUserId is null || AudienceUserId == userId;
}

/// <summary>A dot vote the facilitator opens on a section: everyone has the same number of votes to put on its notes.</summary>
public sealed class VoteSession : ICountyOwned, IAudited, IAuditScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid WorksheetId { get; set; }
    public required string SectionKey { get; set; }
    public int VotesPerPerson { get; set; }
    public DateTime OpenedAt { get; set; } = DateTime.UtcNow;
    public DateTime? ClosedAt { get; set; }
    public Guid AuditScopeId => WorksheetId;

    public const int MaxVotesPerPerson = 20;
}

/// <summary>One dot on one note; a person may put several of their dots on the same note.</summary>
public sealed class Vote : ICountyOwned, IAudited, IAuditScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public Guid SessionId { get; set; }
    public Guid WorksheetId { get; set; }
    public Guid ItemId { get; set; }
    public Guid UserId { get; set; }
    public DateTime At { get; set; } = DateTime.UtcNow;
    public Guid AuditScopeId => WorksheetId;
}
