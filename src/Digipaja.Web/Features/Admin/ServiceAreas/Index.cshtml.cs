using Digipaja.Core.Common;
using Digipaja.Core.Organisation;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.ServiceAreas;

public sealed class IndexModel(DigipajaDb db, Texts texts) : AdminPage(texts)
{
    public sealed record Row(Guid Id, string Code, string Name, int LineCount);

    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<Row> Areas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var code = Input.Code is null ? "" : TextRules.NormalizeCode(Input.Code);
        if (AddErrors(TextRules.CheckCode("Code", Input.Code), TextRules.CheckRequiredName("Name", Input.Name, TextRules.NameMaxLength))
            && await db.ServiceAreas.AnyAsync(a => a.Code == code, ct))
            AddError("Code", "validation.duplicate");
        if (ModelState.IsValid)
        {
            var order = await db.ServiceAreas.Select(a => (int?)a.SortOrder).MaxAsync(ct) ?? -1;
            db.ServiceAreas.Add(new ServiceArea { Code = code, Name = Input.Name!.Trim(), SortOrder = order + 1 });
            if (await TrySaveAsync(db, "Code", ct))
            {
                Notice("admin.notice.added", Input.Name!.Trim());
                return RedirectToPage();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Areas = await db.ServiceAreas.OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new Row(a.Id, a.Code, a.Name, a.ServiceLines.Count)).ToListAsync(ct);
}
