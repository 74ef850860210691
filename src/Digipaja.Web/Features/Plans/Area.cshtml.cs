using Digipaja.Core.Plans;
using Digipaja.Web.Accounts;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Digipaja.Web.Features.Plans;

public sealed class AreaModel(DigipajaDb db, PlanLoader loader, Access access, Texts texts)
    : PlanPage(db, loader, access, texts)
{
    public override PlanLevel Level => PlanLevel.ServiceArea;

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => LoadAsync(id, ct);
}
