using Digipaja.Core.Worksheets;
using Digipaja.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>Service rows: added, removed and brought back; a row's notes stay stored with it.</summary>
public sealed partial class WorksheetEditor
{
    public async Task<EditResult<WorksheetRow>> AddRowAsync(Guid worksheetId, CancellationToken ct = default)
    {
        if (await LoadAsync(worksheetId, ct) is not { } context) return EditResult<WorksheetRow>.NotFound();
        if (context.Permission == SeriesPermission.None) return EditResult<WorksheetRow>.Forbidden();
        var position = await db.WorksheetRows.Where(r => r.WorksheetId == worksheetId).Select(r => (int?)r.Position).MaxAsync(ct) + 1 ?? 0;
        var row = new WorksheetRow { WorksheetId = worksheetId, Position = position };
        db.WorksheetRows.Add(row);
        await live.SaveWithEventAsync(context.Sheet, "row", RowDto.From(row), ct: ct);
        return EditResult<WorksheetRow>.Ok(row);
    }

    /// <summary>Removes or brings back a service row; its notes stay stored with it and return when it does.</summary>
    public async Task<EditResult<WorksheetRow>> SetRowDeletedAsync(Guid worksheetId, Guid rowId, bool deleted, CancellationToken ct = default)
    {
        if (await LoadAsync(worksheetId, ct) is not { } context) return EditResult<WorksheetRow>.NotFound();
        if (context.Permission == SeriesPermission.None) return EditResult<WorksheetRow>.Forbidden();
        var row = await db.WorksheetRows.SingleOrDefaultAsync(r => r.Id == rowId && r.WorksheetId == worksheetId, ct);
        if (row is null) return EditResult<WorksheetRow>.NotFound();
        row.IsDeleted = deleted;
        await live.SaveWithEventAsync(context.Sheet, "row", RowDto.From(row), ct: ct);
        return EditResult<WorksheetRow>.Ok(row);
    }
}
