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
        return null;
    }

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
