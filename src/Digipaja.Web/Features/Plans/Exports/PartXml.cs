using System.Buffers;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace Digipaja.Web.Features.Plans.Exports;

/// <summary>
/// Writing a part's XML directly, for the parts that hold a plan's rows: the DOCX body, the XLSX sheets and their
/// shared strings. Building them as Open XML element trees first took most of a download's time for a county plan.
/// </summary>
internal static class PartXml
{
    /// <summary>A writer that replaces the part's content: UTF-8 without a byte order mark, as the SDK saves parts.</summary>
    public static XmlWriter Create(OpenXmlPart part) =>
        XmlWriter.Create(part.GetStream(FileMode.Create), new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = true });

    // Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, U+FFFE, U+FFFF) and surrogates, which are
    // fine only in pairs.
    private static readonly SearchValues<char> NotXml = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c),
            .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c), '\uFFFE', '\uFFFF']);

    /// <summary>
    /// The text without the characters an XML part cannot hold, which would stop the file halfway: notes are checked
    /// for control characters when they are typed, but older notes and imports may still have them. Surrogate pairs
    /// (emoji) stay; a lone surrogate goes.
    /// </summary>
    public static string Safe(string text)
    {
        if (text.AsSpan().IndexOfAny(NotXml) < 0) return text;
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                safe.Append(text[i]).Append(text[++i]);
            else if (XmlConvert.IsXmlChar(text[i]))
                safe.Append(text[i]);
        }
        return safe.ToString();
    }
}
