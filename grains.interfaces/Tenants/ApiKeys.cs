using System.Security.Cryptography;
using System.Text;

namespace Moecraft.Tenants;

/// <summary>
/// The API key format and its hash. Keys are 16-256 visible ASCII characters; only the lower-case hex SHA-256 of a
/// key is ever stored, so a leaked database does not leak usable keys.
/// </summary>
public static class ApiKeys
{
    public const int MinLength = 16;

    public const int MaxLength = 256;

    /// <summary>Length of a hash as stored: 32 bytes in hex.</summary>
    public const int HashLength = 64;

    /// <summary>Length of a key's public id: the first hex digits of its hash.</summary>
    public const int IdLength = 12;

    /// <summary>The stored form of <paramref name="apiKey"/>; throws <see cref="ArgumentException"/> when the key is malformed.</summary>
    public static string Hash(string apiKey)
    {
        Validate(apiKey);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(apiKey)));
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the key is 16-256 visible ASCII characters.</summary>
    public static void Validate(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey)) throw new ArgumentException("The API key must not be empty.", nameof(apiKey));
        if (apiKey.Length is < MinLength or > MaxLength)
            throw new ArgumentException($"An API key has {MinLength} to {MaxLength} characters; this one has {apiKey.Length}.", nameof(apiKey));
        if (apiKey.Any(c => c is < '!' or > '~'))
            throw new ArgumentException("An API key consists of visible ASCII characters only (no spaces or control characters).", nameof(apiKey));
    }

    /// <summary>The public id of the key with this hash: its first <see cref="IdLength"/> hex digits (the whole string when shorter).</summary>
    public static string IdOf(string keyHash)
    {
        ArgumentNullException.ThrowIfNull(keyHash);
        return keyHash.Length <= IdLength ? keyHash : keyHash[..IdLength];
    }

    /// <summary>True for a key id: exactly <see cref="IdLength"/> lower-case hex digits.</summary>
    public static bool IsId(string? keyId) =>
        keyId is { Length: IdLength } && keyId.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>True for a stored hash: exactly 64 lower-case hex digits.</summary>
    public static bool IsHash(string? keyHash) =>
        keyHash is { Length: HashLength } && keyHash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
