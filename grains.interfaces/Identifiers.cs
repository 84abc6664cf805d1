using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Moecraft;

/// <summary>
/// The rule every identifier shares (tenant, request, expert, router, key and node ids: whatever names a grain or a stored
/// row): well-formed Unicode text without control characters. Orleans keys a grain by the id's UTF-8 bytes, and UTF-8
/// cannot hold a lone surrogate (it becomes U+FFFD), so "t\uD800x" and "t\uDC00x" would name the grain of "t\uFFFDx";
/// PostgreSQL refuses NUL in text. Callers check before any grain call or storage; each id kind adds its own rules
/// (<c>TenantIds</c>: no whitespace or '/').
/// </summary>
public static class Identifiers
{
    /// <summary>The longest id most kinds accept.</summary>
    public const int MaxLength = 128;

    /// <summary>Null when <paramref name="text"/> is well-formed (no lone surrogate, no control character), otherwise why not.</summary>
    public static string? Malformation(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = IndexOfMalformed(text, 0);
        if (at < 0) return null;
        var c = text[at];
        return char.IsSurrogate(c)
            ? $"holds a lone surrogate U+{(int)c:X4} at position {at}, which is not Unicode text"
            : $"holds the control character U+{(int)c:X4} at position {at}";
    }

    /// <summary>Whether <paramref name="text"/> is well-formed: no lone surrogate, no control character.</summary>
    public static bool IsWellFormed(string text) => Malformation(text) is null;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="id"/> is 1 to <paramref name="maxLength"/> characters,
    /// not blank, and well-formed; the message names the <paramref name="kind"/> ("tenant id") and what is wrong.
    /// </summary>
    public static string Validate([NotNull] string? id, string kind, string parameterName, int maxLength = MaxLength)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException($"The {kind} must not be empty.", parameterName);
        if (id.Length > maxLength) throw new ArgumentException($"The {kind} must be at most {maxLength} characters; this one has {id.Length}.", parameterName);
        if (Malformation(id) is { } problem) throw new ArgumentException($"The {kind} '{Printable(id)}' {problem}.", parameterName);
        return id;
    }

    /// <summary>
    /// <see cref="Validate"/>, and also no whitespace and no '/': for ids that compound keys join with '/'
    /// (<c>{tenant}/{request id}</c>) or that people type as one word (tenant and expert ids).
    /// </summary>
    public static string ValidateKeySegment([NotNull] string? id, string kind, string parameterName, int maxLength = MaxLength)
    {
        Validate(id, kind, parameterName, maxLength);
        if (id.Any(c => char.IsWhiteSpace(c) || c == '/'))
            throw new ArgumentException($"The {kind} '{id}' must not contain whitespace or '/'.", parameterName);
        return id;
    }

    /// <summary>The text with control characters and lone surrogates written as <c>\uXXXX</c>, safe to print in a message.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var printable = new StringBuilder(text.Length);
        var from = 0;
        for (var at = IndexOfMalformed(text, 0); at >= 0; at = IndexOfMalformed(text, from))
        {
            printable.Append(text, from, at - from).Append(CultureInfo.InvariantCulture, $"\\u{(int)text[at]:X4}");
            from = at + 1;
        }
        return printable.Append(text, from, text.Length - from).ToString();
    }

    // The first character from start on that is a control character or half of no surrogate pair; -1 when none.
    private static int IndexOfMalformed(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a pair: one character outside the basic plane
                continue;
            }
            if (char.IsSurrogate(c) || char.IsControl(c)) return i;
        }
        return -1;
    }
}
