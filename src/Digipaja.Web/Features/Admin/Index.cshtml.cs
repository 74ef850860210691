using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Digipaja.Web.Features.Admin;

public sealed class IndexModel : PageModel
{
    public void OnGet() { }
}
