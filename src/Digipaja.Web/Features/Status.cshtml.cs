using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Digipaja.Web.Features;

/// <summary>The page people see for "not found", "forbidden" and unexpected errors, keeping the original status code.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }
    public string TitleKey => Code switch { 403 => "status.forbidden.title", 404 => "status.not_found.title", 413 => "status.too_large.title", _ => "status.error.title" };
    public string TextKey => Code switch { 403 => "status.forbidden.text", 404 => "status.not_found.text", 413 => "status.too_large.text", _ => "status.error.text" };

    public void OnGet(int? code) => Show(code);
    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        Code = code is >= 400 and < 600 ? code.Value : 404;
        Response.StatusCode = Code;
    }
}
