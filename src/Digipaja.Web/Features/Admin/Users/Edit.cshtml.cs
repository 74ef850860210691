using Digipaja.Core.Common;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Admin.Users;

public sealed class EditModel(DigipajaDb db, UserManager<AppUser> users, Caller caller, Texts texts) : AdminPage(texts)
{
    public sealed class InputModel
    {
        public string? DisplayName { get; set; }
        public string? Role { get; set; }
        public string? Status { get; set; }
        public string? NewPassword { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public string Email { get; private set; } = "";
    public bool IsLockedOut { get; private set; }

    private async Task<AppUser?> Find(Guid id, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.CountyId == db.CountyId, ct);
        if (user is not null)
        {
            Email = user.Email ?? "";
            IsLockedOut = user.LockoutEnd > DateTimeOffset.UtcNow;
        }
        return user;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } user) return NotFound();
        Input = new InputModel
        {
            DisplayName = user.DisplayName, Role = user.Role.ToString(), Status = user.IsActive ? "active" : "inactive",
            Version = user.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } user) return NotFound();
        var role = UserForm.ParseRole(Input.Role);
        var active = Input.Status switch { "active" => true, "inactive" => (bool?)false, _ => null };
        AddErrors(TextRules.CheckRequiredName("DisplayName", Input.DisplayName, TextRules.NameMaxLength),
            role is null ? new FieldError("Role", "validation.choose") : null,
            active is null ? new FieldError("Status", "validation.choose") : null);
        // An administrator cannot lock themselves out of their own county's administration.
        if (user.Id == caller.UserId && (role != Role.Administrator || active == false))
            ModelState.AddModelError("", T["user.cannot_demote_self"]);
        if (!ModelState.IsValid) return Page();
        if (!CheckVersion(db, user, Input.Version, ("field.name", user.DisplayName),
                ("field.role", T[UserForm.RoleKey(user.Role)]), ("field.status", user.IsActive ? T["user.active"] : T["user.inactive"])))
        {
            Input.Version = user.Version;
            return Page();
        }

        if (!string.IsNullOrEmpty(Input.NewPassword))
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user, Input.NewPassword);
                if (!check.Succeeded) UserForm.AddIdentityErrors(this, T, check, "Input.NewPassword", "");
            }
            if (!ModelState.IsValid) return Page();
            user.PasswordHash = users.PasswordHasher.HashPassword(user, Input.NewPassword);
        }

        var wasActive = user.IsActive;
        user.DisplayName = Input.DisplayName!.Trim();
        user.Role = role!.Value;
        user.IsActive = active!.Value;
        if (active.Value && !wasActive)
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }
        // A new stamp ends the user's sessions, API tokens and live streams: needed when they lose access or a password
        // changes. A new role needs none: the save announces the change to every node (TokenValidity), where the
        // user's sign-in cookie is made again with the new role on their next request, a token still carrying the old
        // role is refused, and open streams check whether the new role still opens their worksheet.
        if (!active.Value || !string.IsNullOrEmpty(Input.NewPassword))
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        if (!await TrySaveAsync(db, ct: ct)) return Page();
        Notice("admin.notice.saved", user.DisplayName);
        return RedirectToPage("Index");
    }
}
