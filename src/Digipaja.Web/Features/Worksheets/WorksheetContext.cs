using Digipaja.Core.Worksheets;
using Digipaja.Core.Workshops;
using Digipaja.Web.Accounts;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>A worksheet as the caller may see it: its template and their permission in its series.</summary>
public sealed record WorksheetContext(Worksheet Sheet, TemplateDefinition Template, SeriesPermission Permission)
{
    /// <summary>The stored key and version of the worksheet's template (the worksheet's Template is not loaded).</summary>
    public string TemplateKey { get; init; } = "";
    public int TemplateVersion { get; init; }

    public bool CanFacilitate => Permission == SeriesPermission.Facilitate;
}

/// <summary>A worksheet as loaded for a change, with its template's revision and the caller's role in its series.</summary>
public sealed record LoadedSheet(Worksheet Sheet, int Revision, SeriesRole? Member);
