using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Moecraft.Canonical;

/// <summary>
/// The strict check of <see cref="CanonicalJson.RequireCanonical"/> in one pass of a <see cref="Utf8JsonReader"/>, without
/// building a document or writing the canonical form to compare: every byte between tokens must be a separator, keys must
/// rise strictly in UTF-8 byte order, strings may escape only what the canonical form escapes (and as it does), and numbers
/// must be plain safe integers. Federation sync checks every packet's content this way, so it allocates next to nothing.
/// </summary>
internal static class CanonicalJsonCheck
{
    /// <exception cref="CanonicalJsonException">The text is not canonical JSON; the message says why and where.</exception>
    public static void Require(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        // The last key of each open object, unescaped, stacked in one buffer: the innermost object's key is at the end.
        var keys = ArrayPool<byte>.Shared.Rent(256);
        Span<int> keyStart = stackalloc int[maxDepth + 2];
        Span<bool> hasKey = stackalloc bool[maxDepth + 2];
        var keysEnd = 0;
        var objects = 0;
        var end = 0;   // where the previous token's text ends
        var tokens = 0;
        try
        {
            while (reader.Read())
            {
                tokens++;
                var start = checked((int)reader.TokenStartIndex);
                // Only a ',' or ':' may stand between two tokens; anything else there is whitespace (or a byte-order mark).
                if (utf8[end..start].IndexOfAnyExcept((byte)',', (byte)':') is var gap and >= 0)
                    throw NotCanonical(end + gap, "insignificant whitespace");
                var value = reader.ValueSpan;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        keyStart[objects] = keysEnd;
                        hasKey[objects] = false;
                        objects++;
                        end = start + 1;
                        break;
                    case JsonTokenType.EndObject:
                        objects--;
                        keysEnd = keyStart[objects];
                        end = start + 1;
                        break;
                    case JsonTokenType.StartArray or JsonTokenType.EndArray:
                        end = start + 1;
                        break;
                    case JsonTokenType.PropertyName:
                        RequireCanonicalString(value, start);
                        var top = objects - 1;
                        // Unescaping only shortens a key, so its raw length is room enough.
                        if (keys.Length < keyStart[top] + value.Length) Grow(ref keys, keyStart[top] + value.Length);
                        var key = keys.AsSpan(keyStart[top], value.Length);
                        // The previous key of this object sits where the new one goes: compare before it is overwritten.
                        if (hasKey[top])
                        {
                            var previous = keys.AsSpan(keyStart[top], keysEnd - keyStart[top]);
                            var unescaped = Unescaped(ref reader, value);
                            var order = unescaped.SequenceCompareTo(previous);
                            if (order == 0) throw new CanonicalJsonException($"Duplicate key \"{Encoding.UTF8.GetString(unescaped)}\".");
                            if (order < 0) throw NotCanonical(start, $"key \"{Encoding.UTF8.GetString(unescaped)}\" comes after \"{Encoding.UTF8.GetString(previous)}\" (keys must be sorted)");
                        }
                        keysEnd = keyStart[top] + (reader.ValueIsEscaped ? reader.CopyString(key) : Copy(value, key));
                        hasKey[top] = true;
                        end = start + value.Length + 2;
                        break;
                    case JsonTokenType.String:
                        RequireCanonicalString(value, start);
                        end = start + value.Length + 2;
                        break;
                    case JsonTokenType.Number:
                        RequireCanonicalInteger(value, start);
                        end = start + value.Length;
                        break;
                    case JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                        end = start + value.Length;
                        break;
                    default:
                        throw new CanonicalJsonException($"Unexpected JSON token {reader.TokenType} at byte {start}.");
                }
            }
        }
        catch (JsonException ex)
        {
            throw new CanonicalJsonException($"Not valid JSON: {ex.Message}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(keys);
        }
        if (tokens == 0) throw new CanonicalJsonException("Not valid JSON: the text holds no value.");
        if (end < utf8.Length) throw NotCanonical(end, "insignificant whitespace");
    }

    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader, ReadOnlySpan<byte> raw)
    {
        if (!reader.ValueIsEscaped) return raw;
        var buffer = new byte[raw.Length];
        return buffer.AsSpan(0, reader.CopyString(buffer));
    }

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }

    private static void Grow(ref byte[] buffer, int atLeast)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(atLeast, buffer.Length * 2));
        buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    // A string's text between its quotes: valid UTF-8, and escapes only for '"', '\' and U+0000-U+001F, in their short form
    // where JSON has one, else \u00xx in lower-case hex.
    private static void RequireCanonicalString(ReadOnlySpan<byte> raw, int tokenStart)
    {
        if (!Utf8.IsValid(raw)) throw new CanonicalJsonException($"Not valid JSON text: the string at byte {tokenStart} is not valid UTF-8.");
        for (var at = raw.IndexOf((byte)'\\'); at >= 0;)
        {
            var escape = raw[at + 1];
            var length = 2;
            if (escape == (byte)'u')
            {
                length = 6;
                if (!IsCanonicalUnicodeEscape(raw.Slice(at + 2, 4)))
                    throw NotCanonical(tokenStart + 1 + at, $"the escape \\u{Encoding.ASCII.GetString(raw.Slice(at + 2, 4))} (only U+0000-U+001F without a short form are written as \\u00xx, in lower-case hex)");
            }
            else if (escape is not ((byte)'"' or (byte)'\\' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'))
            {
                throw NotCanonical(tokenStart + 1 + at, $"the needless escape \\{(char)escape}");
            }
            var next = raw[(at + length)..].IndexOf((byte)'\\');
            at = next < 0 ? -1 : at + length + next;
        }
    }

    private static bool IsCanonicalUnicodeEscape(ReadOnlySpan<byte> hex)
    {
        if (hex[0] != (byte)'0' || hex[1] != (byte)'0' || !IsLowerHex(hex[2]) || !IsLowerHex(hex[3])) return false;
        var value = (HexValue(hex[2]) << 4) | HexValue(hex[3]);
        // \b \t \n \f \r have short forms, which the canonical form uses.
        return value < 0x20 && value is not (0x08 or 0x09 or 0x0A or 0x0C or 0x0D);
    }

    private static bool IsLowerHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f';

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : b - 'a' + 10;

    // JSON's grammar (checked by the reader) already excludes leading zeros; left are fractions, exponents, -0 and the range.
    private static void RequireCanonicalInteger(ReadOnlySpan<byte> token, int tokenStart)
    {
        if (token.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
            throw new CanonicalJsonException($"Floats are not allowed in canonical JSON; found {Encoding.ASCII.GetString(token)}.");
        if (token.SequenceEqual("-0"u8)) throw NotCanonical(tokenStart, "-0 (the canonical form is 0)");
        if (!Utf8Parser.TryParse(token, out long value, out var consumed) || consumed != token.Length
            || value is > CanonicalJson.MaxSafeInteger or < -CanonicalJson.MaxSafeInteger)
            throw new CanonicalJsonException($"Number {Encoding.ASCII.GetString(token)} is outside the range canonical JSON allows (±{CanonicalJson.MaxSafeInteger}).");
    }

    private static CanonicalJsonException NotCanonical(int at, string what) =>
        new($"Not canonical JSON: byte {at} differs from the canonical form: {what}.");
}
