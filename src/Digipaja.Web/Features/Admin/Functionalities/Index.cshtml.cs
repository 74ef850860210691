using Digipaja.Core.Catalogue;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.Functionalities;

public sealed class IndexModel(DigipajaDb db, Texts texts) : AdminPage(texts)
{
    [BindProperty] public FunctionalityInput Input { get; set; } = new();
    public List<Functionality> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var key = Input.Key?.Trim();
        if (AddErrors([.. Input.Check()]) && await db.Functionalities.AnyAsync(f => f.Key == key, ct))
            AddError("Key", "validation.duplicate");
        if (ModelState.IsValid)
        {
            var functionality = new Functionality { Key = "", Name = "" };
            Input.ApplyTo(functionality);
            db.Functionalities.Add(functionality);
            if (await TrySaveAsync(db, "Key", ct))
            {
                Notice("admin.notice.added", functionality.Name);
                return RedirectToPage();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Items = await db.Functionalities.OrderBy(f => f.Wave).ThenBy(f => f.Name).AsNoTracking().ToListAsync(ct);
}
