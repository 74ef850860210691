using Digipaja.Core.Worksheets;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>A worksheet item as the API and the live stream send it.</summary>
public sealed record ItemDto(Guid Id, int Version, string CellKey, Guid? RowId, string Kind, string Text, string Group, string Colour, string Tag,
    string Owner, DateOnly? DueDate, DateOnly? StartDate, DateOnly? EndDate, Guid? MetricId, string Author, bool IsPrivate, bool IsDeleted,
    DateTime CreatedAt, DateTime UpdatedAt, bool GoLive)
{
    public static ItemDto From(WorksheetItem i) => new(i.Id, i.Version, i.CellKey, i.RowId, i.Kind.ToString().ToLowerInvariant(), i.Text, i.Group,
        i.Colour.ToString().ToLowerInvariant(), i.Tag, i.Owner, i.DueDate, i.StartDate, i.EndDate, i.MetricId, i.AuthorName, i.IsPrivate, i.IsDeleted,
        i.CreatedAt, i.UpdatedAt, i.IsGoLive);
}

public sealed record RowDto(Guid Id, int Position, int Version, bool IsDeleted)
{
    public static RowDto From(WorksheetRow r) => new(r.Id, r.Position, r.Version, r.IsDeleted);
}

/// <summary>The state of a section's individual ideation, sent when it starts or ends.</summary>
public sealed record IdeationDto(string? SectionKey, DateTime? EndsAt, string? RevealedSectionKey);

/// <summary>The facilitator's timer: running until EndsAt, or paused with PausedSeconds left, or stopped (both null).</summary>
public sealed record TimerDto(DateTime? EndsAt, int? PausedSeconds);

/// <summary>A live event about an item: the item as saved, and who saved it (for "Pekka added a note" announcements).</summary>
public sealed record ItemEvent(ItemDto Item, Guid? ActorId, string ActorName);
