using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;

namespace Digipaja.Web.Features.Worksheets;

public enum EditStatus
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>The outcome of a worksheet change; on a conflict, Current holds the newer stored item.</summary>
public sealed record EditResult<T>(EditStatus Status, T? Value = default, IReadOnlyList<FieldError>? Errors = null, WorksheetItem? Current = null)
{
    public static EditResult<T> Ok(T value) => new(EditStatus.Ok, value);
    public static EditResult<T> NotFound() => new(EditStatus.NotFound);
    public static EditResult<T> Forbidden() => new(EditStatus.Forbidden);
    public static EditResult<T> Invalid(params FieldError[] errors) => new(EditStatus.Invalid, Errors: errors);
    public static EditResult<T> Conflict(WorksheetItem current) => new(EditStatus.Conflict, Current: current);
}
