using System.Collections.Concurrent;
using Moecraft.Tenants;

namespace Moecraft.Federation;

/// <summary>The expert queries each peer may send a node per minute (SPEC 6): one token bucket per asking peer. Thread-safe.</summary>
public sealed class PeerQueryBudget(int queriesPerMinute)
{
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one query of <paramref name="requester"/>'s budget; when none is left, why not and when to retry.</summary>
    public string? Refusal(string node, string requester, DateTimeOffset now)
    {
        var bucket = _buckets.GetOrAdd(requester, _ => new TokenBucket(queriesPerMinute, now));
        return bucket.TryTake(now, out var retryAfter)
            ? null
            : $"Peer '{requester}' is over its {queriesPerMinute} expert queries per minute on node '{node}'; retry in {retryAfter.TotalSeconds:0.#} s.";
    }
}
