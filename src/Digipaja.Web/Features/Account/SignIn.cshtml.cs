using Digipaja.Web.Accounts;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Digipaja.Web.Features.Account;

public sealed class SignInModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInThrottle throttle, Texts T)
    : PageModel
{
    public sealed class InputModel
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email)) ModelState.AddModelError("Input.Email", T["validation.required"]);
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", T["validation.required"]);
        if (!ModelState.IsValid) return Page();

        var client = SignInThrottle.ClientKey(HttpContext);
        if (throttle.IsBlocked(client, out _))
        {
            ModelState.AddModelError("", T["signin.throttled"]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email!.Trim());
        if (user is { IsActive: true })
        {
            var result = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            if (result.IsLockedOut)
            {
                throttle.RecordFailure(client);
                ModelState.AddModelError("", T["signin.locked_out"]);
                return Page();
            }
        }
        throttle.RecordFailure(client);
        ModelState.AddModelError("", T["signin.failed"]);
        return Page();
    }
}
