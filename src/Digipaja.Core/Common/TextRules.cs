using System.Text.RegularExpressions;

namespace Digipaja.Core.Common;

/// <summary>One field at fault and the key of the message that explains it to the user.</summary>
public sealed record FieldError(string Field, string MessageKey);

/// <summary>The checks every short text a person types into Digipaja goes through.</summary>
public static partial class TextRules
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int CodeMaxLength = 12;

    /// <summary>Trims the text and reports why it cannot be stored, or null when it can.</summary>
    public static FieldError? CheckRequired(string field, string? value, int maxLength)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) return new FieldError(field, "validation.required");
        return CheckOptional(field, text, maxLength);
    }

    public static FieldError? CheckOptional(string field, string? value, int maxLength)
    {
        var text = value?.Trim() ?? "";
        if (text.Length > maxLength) return new FieldError(field, "validation.too_long");
        // Control characters have no place in a note or a name and can break exports and terminals.
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            return new FieldError(field, "validation.control_characters");
        return CheckCharacters(field, text);
    }

    /// <summary>
    /// A name (of a person, a county's area or line, a series, a version): as <see cref="CheckRequired"/>, and also no
    /// invisible characters that make two names look alike or hide part of one (zero-width spaces, direction marks,
    /// the byte order mark). The joiners U+200C and U+200D stay: emoji and some scripts need them.
    /// </summary>
    public static FieldError? CheckRequiredName(string field, string? value, int maxLength) =>
        CheckRequired(field, value, maxLength) ?? CheckInvisible(field, value);

    /// <summary>An optional name: see <see cref="CheckRequiredName"/>.</summary>
    public static FieldError? CheckOptionalName(string field, string? value, int maxLength) =>
        CheckOptional(field, value, maxLength) ?? CheckInvisible(field, value);

    /// <summary>
    /// Characters no text may hold: bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
    /// which can make a text read differently from what it is; noncharacters (U+FDD0–U+FDEF and the last two code
    /// points of every plane), which are not text and break XML; and surrogates that are not part of a pair.
    /// </summary>
    private static FieldError? CheckCharacters(string field, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                codePoint = char.ConvertToUtf32(c, text[++i]);
            else if (char.IsSurrogate(c))
                return new FieldError(field, "validation.invalid_characters");
            if (IsNoncharacter(codePoint)) return new FieldError(field, "validation.invalid_characters");
            if (IsBidiControl(codePoint)) return new FieldError(field, "validation.direction_controls");
        }
        return null;
    }

    private static FieldError? CheckInvisible(string field, string? value) =>
        (value ?? "").Any(IsInvisibleInName) ? new FieldError(field, "validation.invisible_characters") : null;

    public static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    public static bool IsBidiControl(int codePoint) => codePoint is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;

    /// <summary>Zero-width and direction marks, which a name never needs; not the joiners U+200C and U+200D.</summary>
    public static bool IsInvisibleInName(char c) => c is '\u200B' or '\u200E' or '\u200F' or '\u061C' or '\u180E'
        or '\u2060' or '\u2061' or '\u2062' or '\u2063' or '\u2064' or '\uFEFF';

    /// <summary>Short codes such as "NAO" or "KOPA": letters (Finnish and Swedish included), digits and hyphens.</summary>
    public static FieldError? CheckCode(string field, string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) return new FieldError(field, "validation.required");
        if (text.Length > CodeMaxLength) return new FieldError(field, "validation.too_long");
        if (!CodePattern().IsMatch(text)) return new FieldError(field, "validation.code_format");
        return null;
    }

    /// <summary>Machine keys such as "chat" or "health-data": lower-case ASCII letters, digits and hyphens.</summary>
    public static FieldError? CheckKey(string field, string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) return new FieldError(field, "validation.required");
        if (text.Length > 40) return new FieldError(field, "validation.too_long");
        if (!KeyPattern().IsMatch(text)) return new FieldError(field, "validation.key_format");
        return null;
    }

    /// <summary>Codes compare without regard to case: "nao" and "NAO" are the same service line.</summary>
    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}\-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9\-]*$")]
    private static partial Regex KeyPattern();
}
