using Digipaja.Core.Catalogue;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.Functionalities;

public sealed class EditModel(DigipajaDb db, Texts texts) : AdminPage(texts)
{
    [BindProperty] public FunctionalityInput Input { get; set; } = new();

    private Task<Functionality?> Find(Guid id, CancellationToken ct) => db.Functionalities.SingleOrDefaultAsync(f => f.Id == id, ct);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } functionality) return NotFound();
        Input = FunctionalityInput.From(functionality);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } functionality) return NotFound();
        var key = Input.Key?.Trim();
        if (AddErrors([.. Input.Check()]) && await db.Functionalities.AnyAsync(f => f.Key == key && f.Id != id, ct))
            AddError("Key", "validation.duplicate");
        if (!ModelState.IsValid) return Page();
        if (!CheckVersion(db, functionality, Input.Version, ("field.name", functionality.Name),
                ("field.key", functionality.Key), ("field.wave", functionality.Wave.ToString()), ("field.description", functionality.Description)))
        {
            Input.Version = functionality.Version;
            return Page();
        }
        Input.ApplyTo(functionality);
        if (!await TrySaveAsync(db, "Key", ct)) return Page();
        Notice("admin.notice.saved", functionality.Name);
        return RedirectToPage("Index");
    }
}
