using System.Collections.Concurrent;
using Moecraft.Experts;
using Moecraft.Tenants;

namespace Moecraft.Federation;

/// <summary>
/// Remote experts (SPEC 6): a node's routers may route to an expert a peer offers. The serving node checks the tier it
/// gave the requester and a per-peer rate limit before its expert is called; the asking node checks the peer's manifest.
/// </summary>
public sealed partial class FederationPeerGrain
{
    private readonly ConcurrentDictionary<string, TokenBucket> _queryBuckets = new(StringComparer.Ordinal);

    public async Task<ExpertAnswer> QueryExpert(string requester, string expertId, ExpertRequest request)
    {
        RequireEnabled();
        ArgumentNullException.ThrowIfNull(request);
        RequireAllowed(requester, FederationAction.QueryExperts);
        RequireOffered(expertId);
        var bucket = _queryBuckets.GetOrAdd(requester, _ => new TokenBucket(settings.QueriesPerMinute, time.GetUtcNow()));
        if (!bucket.TryTake(time.GetUtcNow(), out var retryAfter))
            throw Refused($"Peer '{requester}' is over its {settings.QueriesPerMinute} expert queries per minute on node '{Node}'; retry in {retryAfter.TotalSeconds:0.#} s.");
        var answer = await GrainFactory.GetGrain<IExpertGrain>(expertId).Invoke(request);
        LogExpertQueried(logger, Node, requester, expertId);
        return answer;
    }

    public async Task<ExpertAnswer> AskPeerExpert(string peerName, string expertId, ExpertRequest request)
    {
        RequireEnabled();
        ArgumentNullException.ThrowIfNull(request);
        if (peerName == Node)
        {
            // This node's own offer, asked from one of its own silos: no peer to ask, the offer still applies.
            RequireOffered(expertId);
            return await GrainFactory.GetGrain<IExpertGrain>(expertId).Invoke(request);
        }
        var peer = RequirePeer(peerName);
        if (peer.Forked) throw Refused($"Peer '{peerName}' is quarantined (its feed forked): its experts are not used.");
        if (!peer.Manifest.ExpertsOffered.Contains(expertId, StringComparer.Ordinal))
            throw Refused($"Peer '{peerName}' does not offer expert '{expertId}' in its manifest.");
        return await Channel(peerName).QueryExpert(expertId, request);
    }

    private void RequireOffered(string expertId)
    {
        if (!settings.ExpertsOffered.Contains(expertId, StringComparer.Ordinal))
            throw Refused($"Node '{Node}' does not offer expert '{expertId}' (offered: {string.Join(", ", settings.ExpertsOffered)}).");
    }
}
