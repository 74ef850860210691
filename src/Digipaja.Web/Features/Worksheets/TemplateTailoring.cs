using Digipaja.Core.Common;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>
/// A county's own changes to its templates. A version that worksheets already use is never changed: the change
/// becomes the next version, which takes over as the one new worksheets are made from.
/// </summary>
public sealed class TemplateTailoring(DigipajaDb db)
{
    public sealed record Outcome(WorksheetTemplate? Template, FieldError? Error = null, bool Conflict = false, bool NewVersion = false);

    public async Task<Outcome> ChangeAsync(Guid id, int revision, Func<TemplateDefinition, FieldError?> change, CancellationToken ct = default)
    {
        var template = await db.WorksheetTemplates.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return new Outcome(null);
        if (template.Revision != revision) return new Outcome(template, Conflict: true);
        var definition = template.Parse();
        if (change(definition) is { } error) return new Outcome(template, error);
        if (definition.Problems().Count > 0) return new Outcome(template, new FieldError("", "template.invalid"));

        if (await db.Worksheets.AnyAsync(w => w.TemplateId == id, ct))
        {
            var next = await db.WorksheetTemplates.Where(t => t.Key == template.Key).MaxAsync(t => t.Version, ct) + 1;
            definition.Version = next;
            var version = new WorksheetTemplate
            {
                Kind = template.Kind, Key = template.Key, Version = next, Name = definition.Name.In("fi"),
                Definition = definition.ToJson(), IsActive = template.IsActive, CopiedFromId = template.Id,
            };
            template.IsActive = false;
            db.WorksheetTemplates.Add(version);
            await db.SaveChangesAsync(ct);
            return new Outcome(version, NewVersion: true);
        }

        db.Entry(template).Property(t => t.Revision).OriginalValue = revision;
        template.Revision = revision + 1;
        template.Definition = definition.ToJson();
        template.Name = definition.Name.In("fi");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome(await db.WorksheetTemplates.SingleAsync(t => t.Id == id, ct), Conflict: true);
        }
        return new Outcome(template);
    }

    /// <summary>A copy to tailor freely under a key of its own; it is used for new worksheets only once activated.</summary>
    public async Task<WorksheetTemplate?> CopyAsync(Guid id, CancellationToken ct = default)
    {
        var source = await db.WorksheetTemplates.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (source is null) return null;
        var key = $"{source.Kind}-{Guid.NewGuid().ToString("N")[..6]}";
        var definition = TemplateEdits.CopyOf(source.Parse(), key);
        var copy = new WorksheetTemplate
        {
            Kind = source.Kind, Key = key, Version = 1, Name = definition.Name.In("fi"), Definition = definition.ToJson(), CopiedFromId = source.Id,
        };
        db.WorksheetTemplates.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy;
    }

    public async Task<bool> ActivateAsync(Guid id, CancellationToken ct = default)
    {
        var template = await db.WorksheetTemplates.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return false;
        foreach (var other in await db.WorksheetTemplates.Where(t => t.Kind == template.Kind && t.IsActive).ToListAsync(ct))
            other.IsActive = false;
        template.IsActive = true;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
