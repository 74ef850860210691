using Digipaja.Core.Common;
using Digipaja.Web.Accounts;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Digipaja.Web.Features.Admin.Users;

public static class UserForm
{
    public static string RoleKey(Role role) => $"role.{role.ToString().ToLowerInvariant()}";

    public static List<SelectListItem> RoleOptions(Texts T) =>
        Enum.GetValues<Role>().Select(r => new SelectListItem(T[RoleKey(r)], r.ToString())).ToList();

    public static Role? ParseRole(string? value) =>
        Enum.TryParse<Role>(value, out var role) && Enum.IsDefined(role) ? role : null;

    public static FieldError? CheckEmail(string field, string? email)
    {
        var text = email?.Trim() ?? "";
        if (text.Length == 0) return new FieldError(field, "validation.required");
        if (text.Length > 256) return new FieldError(field, "validation.too_long");
        var at = text.IndexOf('@');
        if (at < 1 || at != text.LastIndexOf('@') || at == text.Length - 1 || text.Any(char.IsWhiteSpace))
            return new FieldError(field, "validation.email");
        return null;
    }

    /// <summary>Identity describes password and e-mail problems in English; these are the same in the user's language.</summary>
    public static void AddIdentityErrors(AdminPage page, Texts T, IdentityResult result, string passwordField, string emailField)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
                : error.Code.Contains("Email") || error.Code.Contains("UserName") ? emailField : "";
            var key = $"identity.{error.Code}";
            var text = T.All(Texts.CurrentLanguage).ContainsKey(key) ? T[key] : T["identity.other"];
            // A taken address is reported once, the same whichever county holds it.
            if (page.ModelState.TryGetValue(field, out var entry) && entry.Errors.Any(e => e.ErrorMessage == text)) continue;
            page.ModelState.AddModelError(field, text);
        }
    }
}
