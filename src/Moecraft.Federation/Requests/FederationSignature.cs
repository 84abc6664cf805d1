using System.Globalization;
using System.Text;

namespace Moecraft.Federation;

/// <summary>
/// The <c>Authorization: Moecraft-Sig ...</c> header of a federation request:
/// <c>Moecraft-Sig origin="alpha",key="&lt;node id&gt;",destination="beta",ts="1767225600123",nonce="...",sig="..."</c>.
/// The signature covers <see cref="FederationRequestCanonical"/> of the request.
/// </summary>
/// <param name="Origin">The sender's node name.</param>
/// <param name="Key">The sender's node id: the key its manifest names and the signature verifies with.</param>
/// <param name="Destination">The receiving node's name: a request for another node is refused.</param>
/// <param name="Timestamp">Unix milliseconds by the sender's clock.</param>
/// <param name="Nonce">Unpadded base64url of 16 random bytes; never accepted twice.</param>
/// <param name="Signature">Unpadded base64url Ed25519 signature.</param>
public sealed record FederationSignature(string Origin, string Key, string Destination, long Timestamp, string Nonce, string Signature)
{
    public const string Scheme = "Moecraft-Sig";

    /// <summary>Headers longer than this are refused before they are parsed.</summary>
    public const int MaxHeaderLength = 1024;

    public string Header() => string.Create(CultureInfo.InvariantCulture,
        $"{Scheme} origin=\"{Origin}\",key=\"{Key}\",destination=\"{Destination}\",ts=\"{Timestamp}\",nonce=\"{Nonce}\",sig=\"{Signature}\"");

    /// <summary>Whether <paramref name="header"/> uses this scheme (whatever else it holds).</summary>
    public static bool IsScheme(string? header) =>
        header is not null && header.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the header; null and a reason when it is not one well-formed <c>Moecraft-Sig</c> header. Never throws.</summary>
    public static FederationSignature? Parse(string? header, out string? problem)
    {
        problem = null;
        if (header is null) return Fail("no Authorization header", out problem);
        if (header.Length > MaxHeaderLength) return Fail($"the Authorization header is longer than {MaxHeaderLength} characters", out problem);
        if (!IsScheme(header)) return Fail($"the Authorization header is not '{Scheme} ...'", out problem);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(Scheme.Length + 1)..].Split(','))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0) return Fail("a field of the Authorization header is not name=\"value\"", out problem);
            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (value.Length < 2 || value[0] != '"' || value[^1] != '"' || value[1..^1].Contains('"'))
                return Fail($"the field '{name}' of the Authorization header is not quoted", out problem);
            if (!fields.TryAdd(name, value[1..^1])) return Fail($"the field '{name}' appears twice in the Authorization header", out problem);
        }
        string? Field(string name) => fields.GetValueOrDefault(name);
        if (Field("origin") is not { Length: > 0 } origin || Field("key") is not { Length: > 0 } key || Field("destination") is not { Length: > 0 } destination
            || Field("ts") is not { Length: > 0 } ts || Field("nonce") is not { Length: > 0 } nonce || Field("sig") is not { Length: > 0 } sig)
            return Fail("the Authorization header lacks one of origin, key, destination, ts, nonce, sig", out problem);
        if (fields.Count != 6) return Fail("the Authorization header holds fields besides origin, key, destination, ts, nonce, sig", out problem);
        if (!long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            return Fail("ts is not a Unix time in milliseconds", out problem);
        return new FederationSignature(origin, key, destination, timestamp, nonce, sig);
    }

    private static FederationSignature? Fail(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }

    /// <summary>Printable text only: for quoting a field of a refused header in a message.</summary>
    internal static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 64));
        foreach (var c in text.Take(64)) builder.Append(char.IsControl(c) ? '?' : c);
        return builder.ToString();
    }
}
