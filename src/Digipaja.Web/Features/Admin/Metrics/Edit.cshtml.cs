using Digipaja.Core.Catalogue;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.Metrics;

public sealed class EditModel(DigipajaDb db, Texts texts) : AdminPage(texts)
{
    [BindProperty] public MetricInput Input { get; set; } = new();

    private Task<Metric?> Find(Guid id, CancellationToken ct) => db.Metrics.SingleOrDefaultAsync(m => m.Id == id, ct);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } metric) return NotFound();
        Input = MetricInput.From(metric);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } metric) return NotFound();
        var name = Input.Name?.Trim();
        if (AddErrors([.. Input.Check()]) && await db.Metrics.AnyAsync(m => m.Name == name && m.Id != id, ct))
            AddError("Name", "validation.duplicate_name");
        if (!ModelState.IsValid) return Page();
        if (!CheckVersion(db, metric, Input.Version, ("field.name", metric.Name), ("field.definition", metric.Definition),
                ("field.unit", metric.Unit), ("field.direction", T[MetricInput.DirectionKey(metric.Direction)]),
                ("field.data_source", metric.DataSource)))
        {
            Input.Version = metric.Version;
            return Page();
        }
        Input.ApplyTo(metric);
        if (!await TrySaveAsync(db, "Name", ct)) return Page();
        Notice("admin.notice.saved", metric.Name);
        return RedirectToPage("Index");
    }
}
