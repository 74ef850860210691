using Digipaja.Core.Plans;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Digipaja.Web.Features.Plans.Versions;

/// <summary>Publishes a plan (county, service area or service line) as a named version; the plan pages link here.</summary>
public sealed class PublishModel(PlanVersions versions, Texts texts) : VersionsPage(texts)
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public PlanLevel PlanLevel { get; private set; }
    public string ScopeCode { get; private set; } = "";
    public string ScopeName { get; private set; } = "";

    /// <summary>Where the plan itself is, to go back to it.</summary>
    public string PlanUrl => PlanLevel switch
    {
        PlanLevel.County => "/Plans",
        PlanLevel.ServiceArea => $"/Plans/Areas/{Id}",
        _ => $"/Plans/Lines/{Id}",
    };

    public string Heading => PlanLevel == PlanLevel.County
        ? T["version.publish.title_county", ScopeName]
        : T["version.publish.title", LevelName(PlanLevel), ScopeCode, ScopeName];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!versions.CanPublish) return Forbid();
        return await FindScopeAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!versions.CanPublish) return Forbid();
        if (!await FindScopeAsync(ct)) return NotFound();
        var result = await versions.PublishAsync(PlanLevel, PlanLevel == PlanLevel.County ? null : Id, Input.Name, ct);
        return Outcome(result, version =>
        {
            Notice("version.notice.published", version.Name);
            return Redirect($"/Plans/Versions/{version.Id}");
        });
    }

    private async Task<bool> FindScopeAsync(CancellationToken ct)
    {
        if (ParseLevel(Level) is not { } level) return false;
        PlanLevel = level;
        if (level != PlanLevel.County && Id is null) return false;
        if (await versions.ScopeAsync(level, Id, ct) is not { } scope) return false;
        (ScopeCode, ScopeName) = scope;
        return true;
    }
}
