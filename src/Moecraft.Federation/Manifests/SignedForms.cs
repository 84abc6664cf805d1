using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>What manifests, heartbeats and packets share: signature spelling and checks, and bounded lists of short strings.</summary>
internal static class SignedForms
{
    /// <summary>The length of an unpadded base64url Ed25519 signature (64 bytes).</summary>
    public const int SignatureTextLength = 86;

    public const int MaxItems = 256;

    public const int MaxItemLength = 256;

    public static string EncodeSignature(byte[] signature) => Base64Url.EncodeToString(signature);

    /// <summary>Null when <paramref name="signature"/> is <paramref name="publicKey"/>'s signature of <paramref name="bytes"/>.</summary>
    public static string? SignatureProblem(string? signature, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> bytes, string signer)
    {
        // Only the one spelling a signer produces: unpadded, 86 characters, zero padding bits.
        if (signature is not { Length: SignatureTextLength } || !Base64Url.IsValid(signature))
            return "bad signature: not 64 bytes of unpadded base64url";
        var decoded = Base64Url.DecodeFromChars(signature);
        if (Base64Url.EncodeToString(decoded) != signature) return "bad signature: not in its canonical base64url spelling";
        return Signatures.Verify(publicKey, bytes, decoded) ? null : $"bad signature: it does not verify with {signer}";
    }

    /// <summary>Null when <paramref name="items"/> is a list of at most <see cref="MaxItems"/> short strings without control characters.</summary>
    public static string? ListProblem(string field, ImmutableArray<string> items)
    {
        if (items.IsDefault) return $"{field} is missing";
        if (items.Length > MaxItems) return $"{field} lists more than {MaxItems} items";
        foreach (var item in items)
            if (TextProblem(field, item) is { } problem) return problem;
        return null;
    }

    /// <summary>Null when <paramref name="text"/> is 1 to <see cref="MaxItemLength"/> characters without control characters.</summary>
    public static string? TextProblem(string field, string? text)
    {
        if (string.IsNullOrEmpty(text)) return $"{field} holds an empty value";
        if (text.Length > MaxItemLength) return $"{field} holds a value longer than {MaxItemLength} characters";
        if (text.Any(char.IsControl)) return $"{field} holds a control character";
        return null;
    }

    /// <exception cref="ArgumentException"><paramref name="items"/> is default.</exception>
    public static JsonArray Array(ImmutableArray<string> items, string field)
    {
        if (items.IsDefault) throw new ArgumentException($"{field} is missing.", field);
        var array = new JsonArray();
        foreach (var item in items) array.Add(item);
        return array;
    }

    /// <summary>Distinct, in ordinal order, each checked; for the lists a node signs about itself.</summary>
    /// <exception cref="ArgumentException">An empty, overlong or control-character item, or too many.</exception>
    public static ImmutableArray<string> Normalize(IEnumerable<string> items, string field)
    {
        ArgumentNullException.ThrowIfNull(items, field);
        var list = items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        if (ListProblem(field, list) is { } problem) throw new ArgumentException($"Invalid {field}: {problem}.", field);
        return list;
    }
}
