using Digipaja.Web.Accounts;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Digipaja.Web.Features.Account;

public sealed class SignInModel(SignInManager<AppUser> signIn, PasswordCheck passwords, SignInDevice devices, Texts T)
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

        var result = await passwords.CheckAsync(HttpContext, Input.Email!, Input.Password!);
        if (result.Outcome == PasswordOutcome.Throttled)
        {
            ModelState.AddModelError("", T["signin.throttled"]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        if (result is { Outcome: PasswordOutcome.Succeeded, User: { } user })
        {
            await signIn.SignInAsync(user, isPersistent: false);
            devices.Remember(HttpContext, user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        // One message for an unknown address, a wrong password and a locked account.
        ModelState.AddModelError("", T["signin.failed"]);
        return Page();
    }
}
