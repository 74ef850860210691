using Digipaja.Core.Catalogue;
using Digipaja.Core.Organisation;
using Digipaja.Web.Data;
using Digipaja.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Digipaja.Web.Accounts;

namespace Digipaja.Web.Features.Workshops;

/// <summary>A new series from the toolkit's defaults: the service lines it is for and the functionalities it plans.</summary>
public sealed class NewModel(DigipajaDb db, Access access, SeriesCreator creator, Texts texts) : WorkshopsPage(texts)
{
    public sealed class InputModel
    {
        // Read as text so that a malformed value is our own localized error, not the model binder's.
        public List<string> ServiceLineIds { get; set; } = [];
        public List<string> FunctionalityKeys { get; set; } = [];
        public string? Name { get; set; }
    }

    /// <summary>The waves the series plans unless the facilitator chooses otherwise: the first two workshops cover them.</summary>
    public static readonly int[] DefaultWaves = [1, 2];

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<ServiceArea> Areas { get; private set; } = [];
    public List<IGrouping<int, Functionality>> Waves { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!access.CanCreateSeries) return Forbid();
        await LoadAsync(ct);
        Input.FunctionalityKeys = Waves.Where(w => DefaultWaves.Contains(w.Key)).SelectMany(w => w).Select(f => f.Key).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!access.CanCreateSeries) return Forbid();
        var lineIds = Input.ServiceLineIds.Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).ToList();
        var (series, errors) = await creator.CreateAsync(new SeriesCreator.Request(lineIds, Input.FunctionalityKeys, Input.Name), ct);
        if (series is not null)
        {
            Notice("series.notice.created", series.Name);
            return RedirectToPage("Series", new { id = series.Id });
        }
        foreach (var error in errors)
        {
            var field = error.Field switch
            {
                "serviceLineIds" => "Input.ServiceLineIds",
                "functionalityKeys" => "Input.FunctionalityKeys",
                "name" => "Input.Name",
                _ => "",
            };
            ModelState.AddModelError(field, T[error.MessageKey]);
        }
        await LoadAsync(ct);
        return Page();
    }

    public string? ErrorOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        Areas = await db.ServiceAreas.Include(a => a.ServiceLines).OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .AsNoTracking().ToListAsync(ct);
        var functionalities = await db.Functionalities.OrderBy(f => f.Wave).ThenBy(f => f.Name).AsNoTracking().ToListAsync(ct);
        Waves = functionalities.GroupBy(f => f.Wave).ToList();
    }
}
