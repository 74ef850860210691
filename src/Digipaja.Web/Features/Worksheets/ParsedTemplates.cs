using System.Collections.Concurrent;
using Digipaja.Core.Worksheets;
using Digipaja.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>A template version as worksheets use it: its stored key and version, and its parsed definition.</summary>
public sealed record ParsedTemplate(Guid Id, string Key, int Version, int Revision, TemplateDefinition Definition);

/// <summary>
/// Parsed template definitions, kept per template row and revision. Every worksheet change needs its template's
/// cells, and a definition is tens of kilobytes of JSON: reading and parsing it per request was a large share of a
/// note's write. A template row a worksheet uses does not change (tailoring makes a new version), and any change to
/// a row raises its revision, so a cached entry is never stale. The definitions are shared: read them, never change
/// them.
/// </summary>
public sealed class ParsedTemplates
{
    private const int MaxEntries = 1000;
    private readonly ConcurrentDictionary<(Guid Id, int Revision), ParsedTemplate> cache = new();

    public async Task<ParsedTemplate> GetAsync(DigipajaDb db, Guid templateId, int revision, CancellationToken ct)
    {
        if (cache.TryGetValue((templateId, revision), out var known)) return known;
        var row = await db.WorksheetTemplates.IgnoreQueryFilters().AsNoTracking().Where(t => t.Id == templateId)
            .Select(t => new { t.Key, t.Version, t.Revision, t.Definition }).SingleAsync(ct);
        var parsed = new ParsedTemplate(templateId, row.Key, row.Version, row.Revision, TemplateDefinition.Parse(row.Definition));
        // Old revisions are only ever left behind by tailoring; a bound keeps a long-running node from collecting them.
        if (cache.Count >= MaxEntries) cache.Clear();
        cache[(templateId, row.Revision)] = parsed;
        return parsed;
    }
}
