using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Digipaja.Core.Workshops;

/// <summary>Fills an invitation template's placeholders and writes the workshop as an iCalendar (RFC 5545) event.</summary>
public static partial class Invitation
{
    public static readonly string[] Placeholders = ["{serviceLine}", "{workshop}", "{topic}", "{goal}", "{link}", "{sender}"];

    public sealed record Values(string ServiceLine, string Workshop, string Topic, string Goal, string Link, string Sender);

    /// <summary>Fills every placeholder in one pass, so a value that happens to contain a placeholder stays as written.</summary>
    public static string Fill(string template, Values v) => PlaceholderPattern().Replace(template, m => m.Groups[1].Value switch
    {
        "serviceLine" => v.ServiceLine,
        "workshop" => v.Workshop,
        "topic" => v.Topic,
        "goal" => v.Goal,
        "link" => v.Link,
        _ => v.Sender,
    });

    [GeneratedRegex(@"\{(serviceLine|workshop|topic|goal|link|sender)\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>Every word in braces that is not one of the placeholders, once each: a typo would stay in every invitation.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string? text) =>
        AnyPlaceholder().Matches(text ?? "").Select(m => m.Value).Where(p => !Placeholders.Contains(p)).Distinct().ToList();

    [GeneratedRegex(@"\{[^{}\s]*\}")]
    private static partial Regex AnyPlaceholder();

    /// <summary>Browsers post line breaks as CRLF; a stored template uses LF like the built-in one.</summary>
    public static string NormalizeLineBreaks(string text) => text.Replace("\r\n", "\n");

    /// <summary>
    /// The calendar file's name from the workshop's number and title, in plain ASCII (accents dropped, anything else a
    /// dash) so that every mail client and operating system keeps it.
    /// </summary>
    public static string CalendarFileName(int number, string title)
    {
        var text = new StringBuilder();
        foreach (var c in title.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') text.Append(c);
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            else if (text.Length > 0 && text[^1] != '-') text.Append('-');
        }
        var slug = text.ToString().Trim('-');
        if (slug.Length > 60) slug = slug[..60].TrimEnd('-');
        return $"{number}-{(slug.Length > 0 ? slug : "workshop")}.ics";
    }

    public static string Calendar(Guid uid, string summary, string description, string location, DateTime startUtc, int minutes, DateTime stampUtc)
    {
        var ics = new StringBuilder();
        void Line(string text) => Fold(ics, text);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Digipaja//Workshops//FI");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("BEGIN:VEVENT");
        Line($"UID:{uid}@digipaja");
        Line($"DTSTAMP:{stampUtc:yyyyMMdd'T'HHmmss'Z'}");
        Line($"DTSTART:{startUtc:yyyyMMdd'T'HHmmss'Z'}");
        Line($"DTEND:{startUtc.AddMinutes(minutes):yyyyMMdd'T'HHmmss'Z'}");
        Line($"SUMMARY:{Escape(summary)}");
        Line($"DESCRIPTION:{Escape(description)}");
        if (location.Length > 0) Line($"LOCATION:{Escape(location)}");
        Line("END:VEVENT");
        Line("END:VCALENDAR");
        return ics.ToString();
    }

    private static string Escape(string text) => text
        .Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,")
        .Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", "\\n");

    /// <summary>Lines longer than 75 octets are folded with CRLF and a space, without splitting a UTF-8 character.</summary>
    private static void Fold(StringBuilder ics, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                ics.Append("\r\n ");
                octets = 1;
            }
            ics.Append(rune.ToString());
            octets += size;
        }
        ics.Append("\r\n");
    }
}
