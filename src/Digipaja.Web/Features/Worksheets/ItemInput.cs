

namespace Digipaja.Web.Features.Worksheets;

/// <summary>What a person writes into an item; a null field is left as it is when an item is updated.</summary>
public sealed class ItemInput
{
    public string? CellKey { get; set; }
    public Guid? RowId { get; set; }
    public string? Text { get; set; }
    /// <summary>"phase" or "milestone" on a development path; other cells decide the kind themselves.</summary>
    public string? Kind { get; set; }
    /// <summary>A milestone that is its service's go-live; one per service row (a second one is refused).</summary>
    public bool? GoLive { get; set; }
    public string? Owner { get; set; }
    public string? DueDate { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }
    public Guid? MetricId { get; set; }
    public string? Colour { get; set; }
    public string? Tag { get; set; }
    public string? Group { get; set; }
}
