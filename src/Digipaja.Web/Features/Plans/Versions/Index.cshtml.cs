using Digipaja.Core.Plans;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Digipaja.Web.Features.Plans.Versions;

/// <summary>The county's published plan versions, optionally of one level or one plan, and a form to compare two of them.</summary>
public sealed class IndexModel(PlanVersions versions, Texts texts) : VersionsPage(texts)
{
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }

    public PlanLevel? PlanLevel { get; private set; }
    public List<VersionInfo> Versions { get; private set; } = [];
    /// <summary>Every version of the county, for the compare form: versions of different plans can be compared too.</summary>
    public List<VersionInfo> All { get; private set; } = [];
    /// <summary>The plan the list is narrowed to, when it is narrowed to one.</summary>
    public VersionInfo? Scope { get; private set; }
    public bool CanPublish => versions.CanPublish;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PlanLevel = ParseLevel(Level);
        All = await versions.OwnAsync(ct: ct);
        Versions = All.Where(v => (PlanLevel is null || v.Level == PlanLevel) && (Id is null || PlanLevel == Core.Plans.PlanLevel.County || v.ScopeId == Id)).ToList();
        if (Id is not null && PlanLevel is not (null or Core.Plans.PlanLevel.County)) Scope = Versions.FirstOrDefault();
        return Page();
    }
}
