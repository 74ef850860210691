using Digipaja.Core.Catalogue;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.Metrics;

public sealed class IndexModel(DigipajaDb db, Texts texts) : AdminPage(texts)
{
    [BindProperty] public MetricInput Input { get; set; } = new() { Direction = nameof(MetricDirection.HigherIsBetter) };
    public List<Metric> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = Input.Name?.Trim();
        if (AddErrors([.. Input.Check()]) && await db.Metrics.AnyAsync(m => m.Name == name, ct))
            AddError("Name", "validation.duplicate_name");
        if (ModelState.IsValid)
        {
            var metric = new Metric { Name = "" };
            Input.ApplyTo(metric);
            db.Metrics.Add(metric);
            if (await TrySaveAsync(db, "Name", ct))
            {
                Notice("admin.notice.added", metric.Name);
                return RedirectToPage();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Items = (await db.Metrics.AsNoTracking().ToListAsync(ct)).OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
}
