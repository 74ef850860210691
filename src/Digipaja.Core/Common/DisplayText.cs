using System.Globalization;
using System.Text;

namespace Digipaja.Core.Common;

/// <summary>
/// Stored text made fit to show: shortened between whole characters as a reader sees them (an emoji with its
/// joiners and skin tone, a letter with its accents), never inside a surrogate pair, and cleaned of what an XML
/// document (an SVG picture, an Office part) cannot hold. Texts are checked by <see cref="TextRules"/> when they are
/// typed, but texts stored before a rule existed, and published versions that hold them, must still render.
/// </summary>
public static class DisplayText
{
    public const string Ellipsis = "…";

    /// <summary>
    /// The text when it has at most <paramref name="max"/> UTF-16 units; otherwise as many whole text elements as fit in
    /// <c>max - 1</c> units, followed by an ellipsis.
    /// </summary>
    public static string Shorten(string? text, int max)
    {
        text ??= "";
        if (text.Length <= max) return text;
        return Cut(text, Math.Max(0, max - Ellipsis.Length)).TrimEnd() + Ellipsis;
    }

    /// <summary>The longest start of the text of at most <paramref name="max"/> UTF-16 units that ends between text elements.</summary>
    public static string Cut(string? text, int max)
    {
        text ??= "";
        if (text.Length <= max) return text;
        var end = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + ((string)elements.Current).Length;
            if (next > max) break;
            end = next;
        }
        return text[..end];
    }

    /// <summary>
    /// The text with every character XML 1.0 cannot hold (C0 controls other than tab and line breaks, U+FFFE,
    /// U+FFFF and lone surrogates) replaced by U+FFFD, so that writing it never throws. Surrogate pairs stay.
    /// </summary>
    public static string XmlSafe(string? text)
    {
        text ??= "";
        var i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (!IsXmlChar(c)) break;
        }
        if (i == text.Length) return text;
        var safe = new StringBuilder(text.Length).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                safe.Append(c).Append(text[++i]);
            else
                safe.Append(IsXmlChar(c) ? c : '\uFFFD');
        }
        return safe.ToString();
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c < 0xFFFE);
}
