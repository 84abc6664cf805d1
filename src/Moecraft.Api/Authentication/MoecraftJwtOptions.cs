using System.Text;

namespace Moecraft.Api.Authentication;

/// <summary>
/// JWT bearer tokens from an identity provider, bound from <c>Moecraft:Api:Jwt</c>. Accepted only when
/// <see cref="Issuer"/>, <see cref="Audience"/> and <see cref="SigningKey"/> are all set; setting some but not all
/// stops the silo at start with a message saying which are missing.
/// </summary>
public sealed class MoecraftJwtOptions
{
    public const string SectionName = "Moecraft:Api:Jwt";

    /// <summary>The prefix that marks <see cref="SigningKey"/> as base64 (without it the key is UTF-8 text).</summary>
    public const string Base64Prefix = "base64:";

    /// <summary>HMAC-SHA256 needs at least 256 bits of key.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The <c>iss</c> a token must carry.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> a token must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>The symmetric HMAC key: <c>base64:...</c> or text, at least 32 bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim that names the tenant.</summary>
    public string TenantClaim { get; set; } = "tenant";

    /// <summary>A value of the token's <c>role</c> or <c>roles</c> claim that grants the admin role.</summary>
    public string AdminRole { get; set; } = MoecraftClaims.AdminRole;

    /// <summary>True when tokens are accepted.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Issuer) && !string.IsNullOrWhiteSpace(Audience) && !string.IsNullOrWhiteSpace(SigningKey);

    /// <summary>The signing key's bytes.</summary>
    /// <exception cref="FormatException">A <c>base64:</c> key that is not base64.</exception>
    public byte[] SigningKeyBytes()
    {
        var key = SigningKey ?? "";
        return key.StartsWith(Base64Prefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(key[Base64Prefix.Length..].Trim())
            : Encoding.UTF8.GetBytes(key);
    }

    /// <summary>Null when the settings are usable (all three set, or none); otherwise what is wrong.</summary>
    public string? Problem()
    {
        var missing = new[] { (nameof(Issuer), Issuer), (nameof(Audience), Audience), (nameof(SigningKey), SigningKey) }
            .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1).ToList();
        if (missing.Count == 3) return null;
        if (missing.Count > 0) return $"{SectionName} needs Issuer, Audience and SigningKey together; {string.Join(", ", missing)} missing.";
        if (string.IsNullOrWhiteSpace(TenantClaim)) return $"{SectionName}:TenantClaim must name a claim.";
        try
        {
            var bytes = SigningKeyBytes();
            return bytes.Length < MinKeyBytes ? $"{SectionName}:SigningKey has {bytes.Length} bytes; HMAC keys need at least {MinKeyBytes}." : null;
        }
        catch (FormatException)
        {
            return $"{SectionName}:SigningKey starts with '{Base64Prefix}' but the rest is not base64.";
        }
    }
}
