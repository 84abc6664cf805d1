using System.Security.Cryptography;

namespace Moecraft.Tenants;

/// <summary>
/// New API keys: <c>mc-</c> followed by 40 characters drawn uniformly from the 62 letters and digits by the operating
/// system's CSPRNG (about 238 bits), so keys cannot be guessed and are recognisable in logs and secret scanners.
/// </summary>
public static class ApiKeyGenerator
{
    public const string Prefix = "mc-";

    public const int RandomLength = 40;

    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Length of a generated key.</summary>
    public const int Length = 43;

    /// <summary>A fresh key.</summary>
    public static string New() => Prefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    /// <summary>True when <paramref name="key"/> has the shape of a generated key (it says nothing about whether it is valid).</summary>
    public static bool HasFormat(string? key) =>
        key is { Length: Length } && key.StartsWith(Prefix, StringComparison.Ordinal) && key.AsSpan(Prefix.Length).IndexOfAnyExcept(Alphabet) < 0;
}
