using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Moecraft.Canonical;

namespace Moecraft.Federation;

/// <summary>
/// The digest of a sync clock that heartbeats carry (SPEC 6): lower-case hex SHA-256 of the canonical JSON object
/// origin -> seq (keys sorted, so the order of positions does not matter). Head ids are not part of it.
/// </summary>
public static class ClockDigest
{
    /// <summary>The digest of the empty clock: SHA-256 of <c>{}</c>.</summary>
    public const string Empty = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    /// <exception cref="ArgumentException">A null position or origin, a negative sequence, or one origin twice.</exception>
    public static string Of(IEnumerable<FeedPosition> clock) => Convert.ToHexStringLower(SHA256.HashData(Bytes(clock)));

    /// <summary>The canonical text that <see cref="Of"/> hashes.</summary>
    public static string Canonical(IEnumerable<FeedPosition> clock) => Encoding.UTF8.GetString(Bytes(clock));

    /// <summary>True for 64 lower-case hex digits (the form of every SHA-256 Moecraft writes).</summary>
    public static bool IsDigest(string? text) => text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static byte[] Bytes(IEnumerable<FeedPosition> clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var positions = new JsonObject();
        foreach (var position in clock)
        {
            if (position?.Origin is null) throw new ArgumentException("A clock position names its origin.", nameof(clock));
            if (position.Seq < 0) throw new ArgumentException($"Origin {position.Origin} has a negative sequence {position.Seq}.", nameof(clock));
            if (positions.ContainsKey(position.Origin)) throw new ArgumentException($"Origin {position.Origin} appears twice in the clock.", nameof(clock));
            positions[position.Origin] = position.Seq;
        }
        return CanonicalJson.Serialize(positions);
    }
}
