using Digipaja.Core.Common;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.Users;

public sealed class IndexModel(DigipajaDb db, UserManager<AppUser> users, Texts texts) : AdminPage(texts)
{
    public sealed class InputModel
    {
        public string? DisplayName { get; set; }
        public string? Email { get; set; }
        public string? Role { get; set; } = nameof(Accounts.Role.Participant);
        public string? Password { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<AppUser> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var role = UserForm.ParseRole(Input.Role);
        AddErrors(TextRules.CheckRequiredName("DisplayName", Input.DisplayName, TextRules.NameMaxLength),
            UserForm.CheckEmail("Email", Input.Email),
            role is null ? new FieldError("Role", "validation.choose") : null,
            string.IsNullOrEmpty(Input.Password) ? new FieldError("Password", "validation.required") : null);
        if (ModelState.IsValid)
        {
            var email = Input.Email!.Trim();
            var user = new AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = Input.DisplayName!.Trim(),
                Role = role!.Value, CountyId = db.CountyId!.Value,
            };
            var result = await users.CreateAsync(user, Input.Password!);
            if (result.Succeeded)
            {
                Notice("admin.notice.added", user.DisplayName);
                return RedirectToPage();
            }
            UserForm.AddIdentityErrors(this, T, result, "Input.Password", "Input.Email");
        }
        await LoadAsync(ct);
        return Page();
    }

    // Users are not behind the county query filter (sign-in must find them first), so scope them here.
    private async Task LoadAsync(CancellationToken ct) =>
        Items = (await db.Users.Where(u => u.CountyId == db.CountyId).AsNoTracking().ToListAsync(ct))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ToList();
}
