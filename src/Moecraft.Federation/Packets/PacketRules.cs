using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Moecraft.Canonical;

namespace Moecraft.Federation;

/// <summary>
/// The structural rules of a knowledge packet (SPEC 6), shared by <see cref="PacketFactory"/> (which throws) and
/// <see cref="PacketVerifier"/> (which reports): each check returns null when the value is fine, otherwise a sentence
/// naming the problem. Limits bound what a peer can make us hash, store and serve.
/// </summary>
public static class PacketRules
{
    public const int MaxKeyLength = 200;

    // Canonical JSON's own nesting limit; content deeper than this is not JSON we accept at all.
    private const int CanonicalMaxDepth = 64;

    /// <summary>The largest canonical content, in UTF-8 bytes.</summary>
    public const int MaxContentBytes = 64 * 1024;

    /// <summary>
    /// How many levels of objects and arrays content may nest. Canonical JSON allows 64 levels in all and the packet object wraps the content, so content
    /// gets a clear limit of its own well below that.
    /// </summary>
    public const int MaxContentDepth = 32;

    public const int MaxSources = 32;

    public const int MaxSourceLength = 256;

    /// <summary>The most ids a packet may list in <c>deps</c>, and separately in <c>supersedes</c>.</summary>
    public const int MaxLinks = 64;

    /// <summary>The length of a packet id: lower-case hex SHA-256.</summary>
    public const int IdLength = 64;

    /// <summary>True when <paramref name="id"/> has the form of a packet id (64 lower-case hex digits).</summary>
    public static bool IsPacketId(string? id) => id is { Length: IdLength } && !id.AsSpan().ContainsAnyExcept(LowerHexDigits);

    // Checked for every id, prev and link of every packet a node receives: a vectorized search, not a per-character delegate.
    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

    public static string? KindProblem(PacketKind kind) =>
        Enum.IsDefined(kind) ? null : $"kind {(int)kind} is not assert, retract or annotate";

    /// <summary>A key is 1 to 200 characters with no control characters and no lone surrogates (it must encode as UTF-8).</summary>
    public static string? KeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "the key is empty";
        if (key.Length > MaxKeyLength) return $"the key is {key.Length} characters; at most {MaxKeyLength} are allowed";
        return TextProblem(key) is { } problem ? $"the key {problem}" : null;
    }

    /// <summary>
    /// Checks content that is already canonical: size and depth. Canonicality itself is checked by whoever holds the
    /// text (the factory canonicalises, the verifier refuses anything else).
    /// </summary>
    public static string? CanonicalContentProblem(ReadOnlySpan<byte> canonicalContent)
    {
        if (canonicalContent.Length > MaxContentBytes)
            return $"the content is {canonicalContent.Length} bytes of canonical JSON; at most {MaxContentBytes} are allowed";
        var reader = new Utf8JsonReader(canonicalContent, new JsonReaderOptions { MaxDepth = CanonicalMaxDepth });
        try
        {
            // An object or array opened at depth d is nesting level d + 1.
            while (reader.Read())
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxContentDepth)
                    return $"the content nests deeper than {MaxContentDepth} levels of objects and arrays";
        }
        catch (JsonException ex)
        {
            return $"the content is not valid JSON: {ex.Message}";
        }
        return null;
    }

    /// <summary>Deps or supersedes: at most <see cref="MaxLinks"/> packet ids, each well-formed, none twice.</summary>
    public static string? LinksProblem(string name, ImmutableArray<string> ids)
    {
        if (ids.IsDefault) return $"{name} is missing (use an empty list)";
        if (ids.Length > MaxLinks) return $"{name} lists {ids.Length} ids; at most {MaxLinks} are allowed";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!IsPacketId(id)) return $"{name} holds '{Shorten(id)}', which is not a packet id (64 lower-case hex digits)";
            if (!seen.Add(id)) return $"{name} lists {id} twice";
        }
        return null;
    }

    /// <summary>Sources: at most <see cref="MaxSources"/> non-empty strings of at most <see cref="MaxSourceLength"/> characters.</summary>
    public static string? SourcesProblem(ImmutableArray<string> sources)
    {
        if (sources.IsDefault) return "sources is missing (use an empty list)";
        if (sources.Length > MaxSources) return $"sources lists {sources.Length} entries; at most {MaxSources} are allowed";
        for (var i = 0; i < sources.Length; i++)
        {
            var source = sources[i];
            if (string.IsNullOrEmpty(source)) return $"source {i} is empty";
            if (source.Length > MaxSourceLength) return $"source {i} is {source.Length} characters; at most {MaxSourceLength} are allowed";
            if (TextProblem(source) is { } problem) return $"source {i} {problem}";
        }
        return null;
    }

    /// <summary>The feed link: seq from 1 (and within canonical JSON's integer range); prev null exactly for seq 1, else a packet id.</summary>
    public static string? ChainProblem(long seq, string? prev)
    {
        if (seq < 1) return $"seq {seq} is below 1";
        if (seq > CanonicalJson.MaxSafeInteger) return $"seq {seq} is beyond {CanonicalJson.MaxSafeInteger}";
        if (seq == 1) return prev is null ? null : "prev must be null for seq 1";
        if (prev is null) return $"prev is null but seq is {seq}; only seq 1 has no prev";
        return IsPacketId(prev) ? null : $"prev '{Shorten(prev)}' is not a packet id (64 lower-case hex digits)";
    }

    /// <summary>Timestamps are Unix milliseconds: not negative, and within canonical JSON's integer range.</summary>
    public static string? TimestampProblem(long timestamp) =>
        timestamp is < 0 or > CanonicalJson.MaxSafeInteger ? $"timestamp {timestamp} is outside 0..{CanonicalJson.MaxSafeInteger}" : null;

    // Control characters are unprintable; a lone surrogate cannot be encoded as UTF-8, so it could not be signed.
    private static string? TextProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c)) return $"holds control character U+{(int)c:X4} at {i}";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return $"holds a lone surrogate at {i}";
        }
        return null;
    }

    private static string Shorten(string? text) => text is null ? "null" : text.Length <= 80 ? text : text[..80] + "…";
}
