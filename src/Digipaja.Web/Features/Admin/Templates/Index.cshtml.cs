using Digipaja.Web.Data;
using Digipaja.Web.Features.Worksheets;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.Templates;

public sealed class IndexModel(DigipajaDb db, TemplateTailoring tailoring, Texts texts) : AdminPage(texts)
{
    public sealed record Row(Guid Id, string Name, string Kind, int Version, int UsedBy, bool IsActive);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await db.WorksheetTemplates.OrderBy(t => t.Kind).ThenBy(t => t.Key).ThenByDescending(t => t.Version)
            .Select(t => new Row(t.Id, t.Name, t.Kind, t.Version, db.Worksheets.Count(w => w.TemplateId == t.Id), t.IsActive))
            .ToListAsync(ct);

    public async Task<IActionResult> OnPostCopyAsync(Guid id, CancellationToken ct)
    {
        if (await tailoring.CopyAsync(id, ct) is not { } copy) return NotFound();
        Notice("template.notice.copied", copy.Name);
        return Redirect($"/Admin/Templates/Edit/{copy.Id}");
    }

    public async Task<IActionResult> OnPostActivateAsync(Guid id, CancellationToken ct)
    {
        if (!await tailoring.ActivateAsync(id, ct)) return NotFound();
        Notice("template.notice.activated");
        return RedirectToPage();
    }
}
