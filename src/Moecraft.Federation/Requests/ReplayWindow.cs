namespace Moecraft.Federation;

/// <summary>
/// Refuses a federation request seen before: remembers every accepted (key, nonce) for twice the verifier's clock window,
/// so a copy sent again inside the window is refused here and one sent later is refused as stale by
/// <see cref="FederationRequestVerifier"/>. In memory per silo: a federation request is addressed to one node, and a node's
/// HTTP surface is its own silo. Record only requests whose signature verified, so strangers cannot fill it. Thread-safe.
/// </summary>
public sealed class ReplayWindow(TimeProvider time, int capacity = ReplayWindow.DefaultCapacity)
{
    public const int DefaultCapacity = 200_000;

    private readonly Dictionary<(string Key, string Nonce), long> _seen = [];
    private readonly Queue<((string Key, string Nonce) Entry, long ExpiresAt)> _expiry = new();
    private readonly Lock _lock = new();

    /// <summary>How long a nonce is remembered: the whole span of times the verifier accepts.</summary>
    public static TimeSpan Span => FederationRequestVerifier.MaxClockSkew * 2;

    /// <summary>True the first time a verified request's key and nonce are seen; false for a replay (or when full: fail closed).</summary>
    public bool TryAccept(FederationSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            while (_expiry.TryPeek(out var oldest) && oldest.ExpiresAt <= now)
            {
                _expiry.Dequeue();
                if (_seen.TryGetValue(oldest.Entry, out var expires) && expires == oldest.ExpiresAt) _seen.Remove(oldest.Entry);
            }
            var entry = (signature.Key, signature.Nonce);
            if (_seen.ContainsKey(entry) || _seen.Count >= capacity) return false;
            var expiresAt = now + (long)Span.TotalMilliseconds;
            _seen[entry] = expiresAt;
            _expiry.Enqueue((entry, expiresAt));
            return true;
        }
    }
}
