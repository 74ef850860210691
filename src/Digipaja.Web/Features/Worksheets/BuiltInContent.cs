using Digipaja.Core.Worksheets;
using Digipaja.Core.Workshops;

namespace Digipaja.Web.Features.Worksheets;

/// <summary>
/// The toolkit's own templates and series defaults, shipped with the app (Features/Worksheets/BuiltIn/*.json).
/// Every county gets its own copy of the templates to tailor; the files themselves never change at run time.
/// </summary>
public sealed class BuiltInContent
{
    public TemplateDefinition Functionality { get; } = TemplateDefinition.Parse(Read("functionality.v1.json"));
    public TemplateDefinition Change { get; } = TemplateDefinition.Parse(Read("change.v1.json"));
    public SeriesDefaults Series { get; } = SeriesDefaults.Parse(Read("series.v1.json"));

    public IEnumerable<TemplateDefinition> Templates => [Functionality, Change];

    private static string Read(string file)
    {
        var assembly = typeof(BuiltInContent).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Digipaja.Web.Features.Worksheets.BuiltIn.{file}")
            ?? throw new InvalidOperationException($"Built-in content {file} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
