using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Worksheets;

public sealed class TemplateLibrary(DigipajaDb db, BuiltInContent content)
{
    /// <summary>Gives every county that lacks one a copy of each built-in template, active for new worksheets.</summary>
    public async Task EnsureBuiltInTemplatesAsync(CancellationToken ct = default)
    {
        var counties = await db.Counties.Select(c => c.Id).ToListAsync(ct);
        var present = await db.WorksheetTemplates.IgnoreQueryFilters()
            .Select(t => new { t.CountyId, t.Kind }).Distinct().ToListAsync(ct);
        foreach (var county in counties)
        foreach (var template in content.Templates)
        {
            if (present.Any(p => p.CountyId == county && p.Kind == template.Key)) continue;
            db.WorksheetTemplates.Add(new WorksheetTemplate
            {
                CountyId = county, Kind = template.Key, Key = template.Key, Version = template.Version,
                Name = template.Name.In("fi"), Definition = template.ToJson(), IsActive = true,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The caller's county's template that new worksheets of this kind are made from.</summary>
    public Task<WorksheetTemplate?> ActiveAsync(string kind, CancellationToken ct = default) =>
        db.WorksheetTemplates.Where(t => t.Kind == kind && t.IsActive).OrderByDescending(t => t.CreatedAt).FirstOrDefaultAsync(ct);
}
