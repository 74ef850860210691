using Digipaja.Core.Organisation;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.ServiceLines;

public sealed class EditModel(DigipajaDb db, Texts texts) : AdminPage(texts)
{
    public sealed class InputModel
    {
        public string? ServiceAreaId { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<SelectListItem> AreaOptions { get; private set; } = [];

    private Task<ServiceLine?> Find(Guid id, CancellationToken ct) =>
        db.ServiceLines.Include(l => l.ServiceArea).SingleOrDefaultAsync(l => l.Id == id, ct);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } line) return NotFound();
        Input = new InputModel { ServiceAreaId = line.ServiceAreaId.ToString(), Code = line.Code, Name = line.Name, Version = line.Version };
        AreaOptions = await ServiceLineRules.AreaOptionsAsync(db, T, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } line) return NotFound();
        AreaOptions = await ServiceLineRules.AreaOptionsAsync(db, T, ct);
        var (areaId, code) = await new ServiceLineRules(db, T).ValidateAsync(this, Input.ServiceAreaId, Input.Code, Input.Name, id, ct);
        if (!ModelState.IsValid) return Page();
        if (!CheckVersion(db, line, Input.Version,
                ("field.service_area", line.ServiceArea!.Name), ("field.code", line.Code), ("field.name", line.Name)))
        {
            Input.Version = line.Version;
            return Page();
        }
        line.ServiceAreaId = areaId;
        line.Code = code;
        line.Name = Input.Name!.Trim();
        if (!await TrySaveAsync(db, "Code", ct)) return Page();
        Notice("admin.notice.saved", line.Name);
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } line) return NotFound();
        var submittedVersion = Input.Version;
        Input = new InputModel { ServiceAreaId = line.ServiceAreaId.ToString(), Code = line.Code, Name = line.Name, Version = line.Version };
        AreaOptions = await ServiceLineRules.AreaOptionsAsync(db, T, ct);
        if (!CheckVersion(db, line, submittedVersion, ("field.code", line.Code), ("field.name", line.Name))) return Page();
        // A line that workshop series plan for stays: its worksheets and plans would lose their place.
        if (await db.SeriesServiceLines.AnyAsync(l => l.ServiceLineId == id, ct))
        {
            ModelState.AddModelError("", T["admin.service_lines.in_use"]);
            return Page();
        }
        db.ServiceLines.Remove(line);
        if (!await TrySaveAsync(db, ct: ct)) return Page();
        Notice("admin.notice.deleted", line.Name);
        return RedirectToPage("Index");
    }
}
