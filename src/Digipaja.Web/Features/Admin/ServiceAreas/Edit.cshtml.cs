using Digipaja.Core.Common;
using Digipaja.Core.Organisation;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.ServiceAreas;

public sealed class EditModel(DigipajaDb db, Texts texts) : AdminPage(texts)
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    // The county filter makes another county's area invisible here, so it answers 404 like a missing one.
    private Task<ServiceArea?> Find(Guid id, CancellationToken ct) => db.ServiceAreas.SingleOrDefaultAsync(a => a.Id == id, ct);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } area) return NotFound();
        Input = new InputModel { Code = area.Code, Name = area.Name, Version = area.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } area) return NotFound();
        var code = Input.Code is null ? "" : TextRules.NormalizeCode(Input.Code);
        if (AddErrors(TextRules.CheckCode("Code", Input.Code), TextRules.CheckRequiredName("Name", Input.Name, TextRules.NameMaxLength))
            && await db.ServiceAreas.AnyAsync(a => a.Code == code && a.Id != id, ct))
            AddError("Code", "validation.duplicate");
        if (!ModelState.IsValid) return Page();
        if (!CheckVersion(db, area, Input.Version, ("field.code", area.Code), ("field.name", area.Name)))
        {
            Input.Version = area.Version;
            return Page();
        }
        area.Code = code;
        area.Name = Input.Name!.Trim();
        if (!await TrySaveAsync(db, "Code", ct)) return Page();
        Notice("admin.notice.saved", area.Name);
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } area) return NotFound();
        var submittedVersion = Input.Version;
        Input = new InputModel { Code = area.Code, Name = area.Name, Version = area.Version };
        if (!CheckVersion(db, area, submittedVersion, ("field.code", area.Code), ("field.name", area.Name))) return Page();
        if (await db.ServiceLines.AnyAsync(l => l.ServiceAreaId == id, ct))
        {
            ModelState.AddModelError("", T["admin.service_areas.has_lines"]);
            return Page();
        }
        db.ServiceAreas.Remove(area);
        if (!await TrySaveAsync(db, ct: ct)) return Page();
        Notice("admin.notice.deleted", area.Name);
        return RedirectToPage("Index");
    }
}
