using Digipaja.Core.Plans;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Digipaja.Web.Features.Plans.Versions;

/// <summary>
/// One published version as it was published, read only. Its own county also sees the share toggle; another county
/// sees it only while it is shared (otherwise 404), and may copy its structure.
/// </summary>
public sealed class ShowModel(PlanVersions versions, Texts texts) : VersionsPage(texts)
{
    public sealed class ShareInput
    {
        public bool Shared { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public ShareInput Share { get; set; } = new();

    public VersionInfo Version { get; private set; } = null!;
    public Plan Plan { get; private set; } = null!;
    /// <summary>The version of the same plan published just before this one, to compare with.</summary>
    public VersionInfo? Previous { get; private set; }
    public bool CanShare => Version.IsOwn && versions.CanPublish;
    public bool CanCopy => versions.CanCopy;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostShareAsync(Guid id, CancellationToken ct)
    {
        var result = await versions.SetSharedAsync(id, Share.Shared, Share.Version, ct);
        switch (result.Status)
        {
            case VersionStatus.Ok:
                Notice(result.Value!.IsShared ? "share.notice.shared" : "share.notice.unshared", result.Value.Name);
                return Redirect($"/Plans/Versions/{id}");
            case VersionStatus.Conflict:
                ModelState.AddModelError("", T["share.conflict"]);
                ModelState.Remove("Share.Version");
                ModelState.Remove("Share.Shared");
                await LoadAsync(id, ct);
                return Page();
            case VersionStatus.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await versions.InfoAsync(id, ct) is not { } info || await versions.PlanAsync(id, ct) is not { } plan) return false;
        Version = info;
        Plan = plan;
        if (info.IsOwn)
            Previous = (await versions.OwnAsync(info.Level, info.ScopeId, ct))
                .FirstOrDefault(v => v.PublishedAt < info.PublishedAt || (v.PublishedAt == info.PublishedAt && v.Id.CompareTo(info.Id) < 0));
        return true;
    }
}
