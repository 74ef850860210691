using Digipaja.Core.Organisation;
using Digipaja.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features;

/// <summary>The home page: the signed-in user's county and its service areas and lines.</summary>
public sealed class IndexModel(DigipajaDb db) : PageModel
{
    public string CountyName { get; private set; } = "";
    public List<ServiceArea> Areas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        CountyName = await db.Counties.Where(c => c.Id == db.CountyId).Select(c => c.Name).SingleAsync(ct);
        Areas = await db.ServiceAreas.Include(a => a.ServiceLines).OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .AsNoTracking().ToListAsync(ct);
    }
}
