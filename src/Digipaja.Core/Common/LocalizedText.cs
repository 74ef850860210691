namespace Digipaja.Core.Common;

/// <summary>A text of a template in Finnish, Swedish and English; a missing language falls back to Finnish.</summary>
public sealed class LocalizedText : Dictionary<string, string>
{
    public LocalizedText() { }
    public LocalizedText(IDictionary<string, string> texts) : base(texts) { }

    public string In(string language) =>
        TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text) ? text
        : TryGetValue("fi", out var fi) ? fi
        : Values.FirstOrDefault() ?? "";

    public bool IsEmpty => Values.All(string.IsNullOrWhiteSpace);
}
