using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Digipaja.Web.Features.Plans.Versions;

/// <summary>Plans other counties of the installation share: read them, compare them, copy their structure.</summary>
public sealed class SharedModel(PlanVersions versions, Texts texts) : VersionsPage(texts)
{
    public List<VersionInfo> Versions { get; private set; } = [];
    public bool CanCopy => versions.CanCopy;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Versions = await versions.SharedByOthersAsync(ct);
        return Page();
    }
}
