using Moecraft.Canonical;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>
/// Checks a manifest from anywhere (SPEC 6): its form, that it is signed by the key its node id names (the first verify
/// key), and that it is current. Whether the name belongs to that key is the receiving grain's check (its peer table).
/// </summary>
public static class ManifestVerifier
{
    /// <summary>How far in the future a manifest may be issued (the two nodes' clocks differ).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>A manifest counts as expired this long after it was issued, whatever its <c>valid_until</c> says.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(7);

    /// <summary>At most this many verify keys.</summary>
    public const int MaxVerifyKeys = 16;

    /// <summary>Null when <paramref name="manifest"/> is valid at <paramref name="nowMs"/> (Unix ms), otherwise why not. Never throws.</summary>
    public static string? Failure(PeerManifest? manifest, long nowMs)
    {
        try
        {
            return Check(manifest, nowMs);
        }
        catch (Exception ex)
        {
            // Every expected failure is reported in Check; this backstop keeps garbage from a peer from throwing.
            return $"malformed manifest: {ex.GetType().Name}: {ex.Message}";
        }
    }

    /// <summary>When the manifest stops being valid: <c>valid_until</c>, capped at <see cref="MaxValidity"/> after issue.</summary>
    public static long EffectiveExpiry(PeerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var cap = manifest.IssuedAt > long.MaxValue - (long)MaxValidity.TotalMilliseconds ? long.MaxValue : manifest.IssuedAt + (long)MaxValidity.TotalMilliseconds;
        return Math.Min(manifest.ValidUntil, cap);
    }

    private static string? Check(PeerManifest? manifest, long nowMs)
    {
        if (manifest is null) return "no manifest";
        if (PeerNames.Problem(manifest.Name) is { } name) return name;
        if (!NodeIds.TryGetPublicKey(manifest.NodeId, out var publicKey))
            return "the node id is not a node id (unpadded base64url of a 32-byte Ed25519 key)";
        if (manifest.VerifyKeys.IsDefaultOrEmpty) return "the manifest lists no verify keys";
        if (manifest.VerifyKeys.Length > MaxVerifyKeys) return $"the manifest lists more than {MaxVerifyKeys} verify keys";
        if (manifest.VerifyKeys[0] != manifest.NodeId) return "the first verify key is not the node id";
        if (manifest.VerifyKeys.Any(key => !NodeIds.TryGetPublicKey(key, out _))) return "a verify key is not an unpadded base64url Ed25519 key";
        var structural = SignedForms.ListProblem("capabilities", manifest.Capabilities)
            ?? SignedForms.ListProblem("experts_offered", manifest.ExpertsOffered)
            ?? SignedForms.TextProblem("software_version", manifest.SoftwareVersion);
        if (structural is not null) return structural;
        if (!Enum.IsDefined(manifest.RequestedTier)) return $"the requested tier {(int)manifest.RequestedTier} is unknown";
        if (manifest.IssuedAt < 0 || manifest.ValidUntil <= manifest.IssuedAt)
            return $"the validity window is empty or negative ({manifest.IssuedAt} to {manifest.ValidUntil})";

        byte[] bytes;
        try
        {
            bytes = ManifestCanonical.Bytes(manifest);
        }
        catch (Exception ex) when (ex is CanonicalJsonException or ArgumentException)
        {
            return $"the manifest has no canonical form: {ex.Message}";
        }
        if (SignedForms.SignatureProblem(manifest.Signature, publicKey, bytes, "the node id's key") is { } signature) return signature;

        if (manifest.IssuedAt > nowMs + (long)MaxClockSkew.TotalMilliseconds)
            return $"issued in the future ({manifest.IssuedAt}, now {nowMs}; {MaxClockSkew.TotalMinutes:0} min skew allowed)";
        var expiry = EffectiveExpiry(manifest);
        if (nowMs >= expiry) return $"expired at {expiry} (now {nowMs})";
        return null;
    }
}
