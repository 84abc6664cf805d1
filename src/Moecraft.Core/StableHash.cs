using System.Text;

namespace Moecraft;

/// <summary>FNV-1a over UTF-8: a hash that is the same in every process (string.GetHashCode is randomised).</summary>
public static class StableHash
{
    public static uint Of(string text)
    {
        const uint offset = 2166136261;
        const uint prime = 16777619;
        var hash = offset;
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            for (var i = 0; i < length; i++) hash = (hash ^ buffer[i]) * prime;
        }
        return hash;
    }

    /// <summary>Combines several parts into one hash, order-sensitive.</summary>
    public static uint Of(params ReadOnlySpan<string> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts) builder.Append(part.Length).Append(':').Append(part);
        return Of(builder.ToString());
    }
}
