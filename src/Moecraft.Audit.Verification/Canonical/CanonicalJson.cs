using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Moecraft.Canonical;

/// <summary>
/// Matrix-style canonical JSON (SPEC 6): object keys sorted by Unicode code point (the order of their UTF-8 bytes), no
/// insignificant whitespace, integers only in [-(2^53)+1, 2^53-1], UTF-8 output, and only <c>"</c>, <c>\</c> and
/// U+0000-U+001F escaped (short forms where JSON has them, else <c>\u00xx</c> in lower-case hex).
/// The only bytes Moecraft hashes or signs. System.Text.Json's own output is not canonical (escaping, key order).
/// </summary>
public static class CanonicalJson
{
    /// <summary>The largest integer canonical JSON may carry (2^53 - 1); its negation is the smallest.</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    private const int MaxDepth = 64;

    // Throws on lone surrogates instead of writing U+FFFD: such a string cannot round-trip.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    // The bytes a canonical string escapes: " and \ and U+0000-U+001F.
    private static readonly SearchValues<byte> Escaped = SearchValues.Create([
        (byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b)]);

    /// <summary>
    /// The canonical form of any JSON text, as Matrix computes it: whitespace dropped, keys sorted, integral numbers
    /// written as plain integers (<c>1e10</c> becomes <c>10000000000</c>, <c>-0</c> becomes <c>0</c>).
    /// </summary>
    /// <exception cref="CanonicalJsonException">Not JSON, a number with a fraction or outside the safe range, a duplicate key, a lone surrogate.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        using var document = ParseDocument(utf8Json);
        return Serialize(document.RootElement);
    }

    /// <inheritdoc cref="Canonicalize(ReadOnlySpan{byte})"/>
    public static byte[] Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Canonicalize(Encode(json));
    }

    /// <summary>The canonical bytes of a node built in code.</summary>
    /// <exception cref="CanonicalJsonException">A non-integral number or one outside the safe range, or a lone surrogate.</exception>
    public static byte[] Serialize(JsonNode? node) => Canonicalize(JsonSerializer.SerializeToUtf8Bytes(node));

    /// <summary>The canonical bytes of a parsed element.</summary>
    /// <exception cref="CanonicalJsonException">As for <see cref="Canonicalize(ReadOnlySpan{byte})"/>.</exception>
    public static byte[] Serialize(JsonElement element)
    {
        using var buffer = new MemoryStream();
        try
        {
            Write(buffer, element, depth: 0);
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json reports invalid UTF-8 and escaped lone surrogates only when a string is read.
            throw new CanonicalJsonException($"Not valid JSON text: {ex.Message}", ex);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Strict parse: accepts only text that is already canonical, byte for byte (so floats, exponents, <c>-0</c>,
    /// duplicate keys, unsorted keys, whitespace and needless escapes are all rejected).
    /// </summary>
    /// <returns>The parsed value; it does not depend on <paramref name="canonicalUtf8"/> staying alive.</returns>
    /// <exception cref="CanonicalJsonException">The text is not canonical JSON; the message says why.</exception>
    public static JsonElement Parse(ReadOnlySpan<byte> canonicalUtf8)
    {
        RequireCanonical(canonicalUtf8);
        using var document = ParseDocument(canonicalUtf8);
        return document.RootElement.Clone();
    }

    /// <summary>The check of <see cref="Parse(ReadOnlySpan{byte})"/> without keeping the value: for a caller that only needs to know.</summary>
    /// <exception cref="CanonicalJsonException">The text is not canonical JSON; the message says why.</exception>
    public static void RequireCanonical(ReadOnlySpan<byte> canonicalUtf8) => CanonicalJsonCheck.Require(canonicalUtf8, MaxDepth);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static JsonElement Parse(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        return Parse(Encode(canonical));
    }

    /// <summary>True when <paramref name="utf8"/> is canonical JSON (see <see cref="Parse(ReadOnlySpan{byte})"/>).</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8)
    {
        try
        {
            RequireCanonical(utf8);
            return true;
        }
        catch (CanonicalJsonException)
        {
            return false;
        }
    }

    /// <summary>UTF-8 without a byte-order mark; a lone surrogate is an error rather than a replacement character.</summary>
    /// <exception cref="CanonicalJsonException">The string holds a lone surrogate.</exception>
    public static byte[] Encode(string text)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException ex)
        {
            throw new CanonicalJsonException("The text holds a lone surrogate, which UTF-8 cannot encode.", ex);
        }
    }

    private static JsonDocument ParseDocument(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json.ToArray(), DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new CanonicalJsonException($"Not valid JSON: {ex.Message}", ex);
        }
    }

    private static void Write(Stream output, JsonElement element, int depth)
    {
        if (depth > MaxDepth) throw new CanonicalJsonException($"JSON nested deeper than {MaxDepth} levels.");
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<(byte[] Key, JsonElement Value)>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name)) throw new CanonicalJsonException($"Duplicate key \"{property.Name}\".");
                    members.Add((Encode(property.Name), property.Value));
                }
                // UTF-8 byte order is Unicode code point order (UTF-16 order differs above U+FFFF).
                members.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
                output.WriteByte((byte)'{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0) output.WriteByte((byte)',');
                    WriteString(output, members[i].Key);
                    output.WriteByte((byte)':');
                    Write(output, members[i].Value, depth + 1);
                }
                output.WriteByte((byte)'}');
                break;
            case JsonValueKind.Array:
                output.WriteByte((byte)'[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) output.WriteByte((byte)',');
                    first = false;
                    Write(output, item, depth + 1);
                }
                output.WriteByte((byte)']');
                break;
            case JsonValueKind.String:
                WriteString(output, Encode(element.GetString()!));
                break;
            case JsonValueKind.Number:
                // Most numbers are plain safe integers already: written as they are, no arithmetic.
                if (element.TryGetInt64(out var integer) && integer is <= MaxSafeInteger and >= -MaxSafeInteger && IsPlainInteger(element.GetRawText()))
                    WriteInteger(output, integer);
                else
                    output.Write(Encoding.ASCII.GetBytes(IntegerText(element.GetRawText())));
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            case JsonValueKind.Null:
                output.Write("null"u8);
                break;
            default:
                throw new CanonicalJsonException($"Unexpected JSON value kind {element.ValueKind}.");
        }
    }

    // Digits only, no leading zero (but "0" itself), an optional minus: the text is the canonical form (less "-0").
    private static bool IsPlainInteger(string token)
    {
        var digits = token.StartsWith('-') ? token.AsSpan(1) : token.AsSpan();
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9') && (digits.Length == 1 || digits[0] != '0') && token != "-0";
    }

    // Exact arithmetic on the token, so 1e10 is 10000000000 and 0.5 or 1e400 are refused rather than rounded.
    private static string IntegerText(string token)
    {
        var exponentAt = token.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? token : token[..exponentAt];
        var exponent = 0;
        if (exponentAt >= 0 && !int.TryParse(token.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            throw new CanonicalJsonException($"Number {token} is outside the range canonical JSON allows (±{MaxSafeInteger}).");
        var negative = mantissa.StartsWith('-');
        var digits = negative ? mantissa[1..] : mantissa;
        if (digits.Contains('.')) throw new CanonicalJsonException($"Floats are not allowed in canonical JSON; found {token}.");
        digits = digits.TrimStart('0');
        if (digits.Length == 0) return "0";
        // An exponent form is accepted when its value is a whole number (Matrix's vector 1e10); 100e-2 is 1, 5e-1 is refused.
        while (exponent < 0 && digits.EndsWith('0'))
        {
            digits = digits[..^1];
            exponent++;
        }
        if (exponent < 0) throw new CanonicalJsonException($"Floats are not allowed in canonical JSON; found {token}.");
        if (digits.Length + exponent > 16) throw new CanonicalJsonException($"Number {token} is outside the range canonical JSON allows (±{MaxSafeInteger}).");
        var value = BigInteger.Parse(digits, CultureInfo.InvariantCulture) * BigInteger.Pow(10, exponent);
        if (value > MaxSafeInteger) throw new CanonicalJsonException($"Number {token} is outside the range canonical JSON allows (±{MaxSafeInteger}).");
        return (negative ? -value : value).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Writes <paramref name="value"/> as a canonical JSON string, for writers that assemble canonical objects themselves.</summary>
    /// <exception cref="CanonicalJsonException">The string holds a lone surrogate.</exception>
    public static void WriteString(Stream output, string value)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        WriteString(output, Encode(value));
    }

    /// <summary>Writes <paramref name="value"/> as a canonical JSON integer.</summary>
    /// <exception cref="CanonicalJsonException">The value is outside ±<see cref="MaxSafeInteger"/>.</exception>
    public static void WriteInteger(Stream output, long value)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (value is > MaxSafeInteger or < -MaxSafeInteger)
            throw new CanonicalJsonException($"Number {value} is outside the range canonical JSON allows (±{MaxSafeInteger}).");
        Span<byte> digits = stackalloc byte[20];
        value.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        output.Write(digits[..written]);
    }

    private static void WriteString(Stream output, ReadOnlySpan<byte> utf8)
    {
        output.WriteByte((byte)'"');
        // Runs without a character to escape are copied whole; most strings have none.
        while (utf8.IndexOfAny(Escaped) is var at and >= 0)
        {
            output.Write(utf8[..at]);
            var b = utf8[at];
            switch (b)
            {
                case (byte)'"': output.Write("\\\""u8); break;
                case (byte)'\\': output.Write("\\\\"u8); break;
                case (byte)'\b': output.Write("\\b"u8); break;
                case (byte)'\t': output.Write("\\t"u8); break;
                case (byte)'\n': output.Write("\\n"u8); break;
                case (byte)'\f': output.Write("\\f"u8); break;
                case (byte)'\r': output.Write("\\r"u8); break;
                default: output.Write(Encoding.ASCII.GetBytes($"\\u00{b:x2}")); break;
            }
            utf8 = utf8[(at + 1)..];
        }
        output.Write(utf8);
        output.WriteByte((byte)'"');
    }
}
