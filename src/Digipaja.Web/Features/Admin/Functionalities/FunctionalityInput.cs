using Digipaja.Core.Catalogue;
using Digipaja.Core.Common;

namespace Digipaja.Web.Features.Admin.Functionalities;

public sealed class FunctionalityInput
{
    public string? Name { get; set; }
    public string? Key { get; set; }
    /// <summary>Text, not int: "abc" must come back as a field error in the user's language, not a binding failure.</summary>
    public string? Wave { get; set; }
    public string? Description { get; set; }
    public int Version { get; set; }

    public int ParsedWave => int.TryParse(Wave, out var w) ? w : 0;

    public IEnumerable<FieldError?> Check() =>
    [
        TextRules.CheckRequiredName(nameof(Name), Name, TextRules.NameMaxLength),
        TextRules.CheckKey(nameof(Key), Key),
        ParsedWave is >= 1 and <= Functionality.MaxWave ? null : new FieldError(nameof(Wave), "validation.wave"),
        TextRules.CheckOptional(nameof(Description), Description, TextRules.DescriptionMaxLength),
    ];

    public void ApplyTo(Functionality f)
    {
        f.Name = Name!.Trim();
        f.Key = Key!.Trim();
        f.Wave = ParsedWave;
        f.Description = Description?.Trim() ?? "";
    }

    public static FunctionalityInput From(Functionality f) => new()
    {
        Name = f.Name, Key = f.Key, Wave = f.Wave.ToString(), Description = f.Description, Version = f.Version,
    };
}
