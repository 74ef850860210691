using Digipaja.Core.Common;
using Digipaja.Core.Organisation;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.ServiceLines;

public sealed class IndexModel(DigipajaDb db, Texts texts) : AdminPage(texts)
{
    public sealed record Row(Guid Id, string Code, string Name, string AreaName);

    public sealed class InputModel
    {
        public string? ServiceAreaId { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<Row> Lines { get; private set; } = [];
    public List<SelectListItem> AreaOptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var lineRules = new ServiceLineRules(db, T);
        var (areaId, code) = await lineRules.ValidateAsync(this, Input.ServiceAreaId, Input.Code, Input.Name, null, ct);
        if (ModelState.IsValid)
        {
            db.ServiceLines.Add(new ServiceLine { ServiceAreaId = areaId, Code = code, Name = Input.Name!.Trim() });
            if (await TrySaveAsync(db, "Code", ct))
            {
                Notice("admin.notice.added", Input.Name!.Trim());
                return RedirectToPage();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Lines = await db.ServiceLines.OrderBy(l => l.ServiceArea!.SortOrder).ThenBy(l => l.Code)
            .Select(l => new Row(l.Id, l.Code, l.Name, l.ServiceArea!.Name)).ToListAsync(ct);
        AreaOptions = await ServiceLineRules.AreaOptionsAsync(db, T, ct);
    }
}

/// <summary>The checks a service line goes through when it is added or edited.</summary>
public sealed class ServiceLineRules(DigipajaDb db, Texts T)
{
    public async Task<(Guid AreaId, string Code)> ValidateAsync(AdminPage page, string? areaInput, string? codeInput,
        string? nameInput, Guid? editedId, CancellationToken ct)
    {
        var code = codeInput is null ? "" : TextRules.NormalizeCode(codeInput);
        var state = page.ModelState;
        // An area id that is not one of the caller's own areas is treated like an empty choice.
        var areaOk = Guid.TryParse(areaInput, out var areaId) && await db.ServiceAreas.AnyAsync(a => a.Id == areaId, ct);
        if (!areaOk) state.AddModelError("Input.ServiceAreaId", T["validation.choose"]);
        foreach (var e in new[] { TextRules.CheckCode("Code", codeInput), TextRules.CheckRequiredName("Name", nameInput, TextRules.NameMaxLength) }.OfType<FieldError>())
            state.AddModelError($"Input.{e.Field}", T[e.MessageKey]);
        if (state.IsValid && await db.ServiceLines.AnyAsync(l => l.Code == code && l.Id != editedId, ct))
            state.AddModelError("Input.Code", T["validation.duplicate"]);
        return (areaId, code);
    }

    public static async Task<List<SelectListItem>> AreaOptionsAsync(DigipajaDb db, Texts T, CancellationToken ct)
    {
        var options = new List<SelectListItem> { new(T["form.choose"], "") };
        options.AddRange(await db.ServiceAreas.OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new SelectListItem(a.Code + " – " + a.Name, a.Id.ToString())).ToListAsync(ct));
        return options;
    }
}
