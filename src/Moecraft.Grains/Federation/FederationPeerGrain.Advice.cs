using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Moecraft.Caching;
using Moecraft.Experts.Embeddings;
using Moecraft.Kernel;
using Moecraft.Routing;

namespace Moecraft.Federation;

/// <summary>
/// Federated knowledge on the routing path (SPEC 6): the request path asks its node's peer grain what the packets it serves
/// say about a request. Built from the winners of the served keys and rebuilt when the packets or the tiers change, so a
/// SANDBOX peer's entries count only once an operator promotes it, and a demotion withdraws them at once.
/// </summary>
public sealed partial class FederationPeerGrain
{
    private AdviceBook? _advice;

    public async Task<FederationAdvice> Advise(string routerId, string prompt, ImmutableArray<float> embedding, string optionsKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routerId);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(optionsKey);
        if (embedding.IsDefaultOrEmpty) throw new ArgumentException("Advice needs the prompt's embedding.", nameof(embedding));
        if (!settings.Enabled) return FederationAdvice.None;

        var book = await AdviceBookAsync();
        FederatedAnswer? cached = null;
        if (book.Caches.TryGetValue(routerId, out var cache) && cache.TryGet(prompt, embedding.AsSpan(), optionsKey, out var hit))
            cached = hit.Answer with { Similarity = hit.Similarity };
        // Only scars made in this node's embedding space (SPEC 4.2): a region of another embedder's space means nothing here.
        var scarred = book.Scars
            .Where(s => s.Router == routerId && s.Embedder == book.Embedder && ScarRegion.Contains(s.Centroid, s.Radius, embedding.AsSpan()))
            .Select(s => s.Expert).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        // A peer's measured success rate beats its coherence summary of the same expert.
        var priors = book.Priors.Where(p => p.Router == routerId).ToList();
        foreach (var reputation in book.Reputations)
            if (FederatedKnowledge.TryReadReputation(reputation, routerId, out var prior) && !priors.Exists(p => p.Expert == prior.Expert)) priors.Add(prior);
        return new FederationAdvice(cached, scarred, [.. priors]);
    }

    public async Task<bool> ScarsName(string routerId, ImmutableArray<string> experts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routerId);
        if (experts.IsDefault) throw new ArgumentException("Experts must not be a default array.", nameof(experts));
        if (!settings.Enabled) return false;
        var book = await AdviceBookAsync();
        return book.Scars.Exists(s => s.Router == routerId && s.Embedder == book.Embedder && experts.Contains(s.Expert, StringComparer.Ordinal));
    }

    private async Task<AdviceBook> AdviceBookAsync()
    {
        var index = await IndexAsync();
        if (_advice is { } current && current.PacketCount == index.Count && ReferenceEquals(current.Peers, _committed)) return current;

        var peers = _committed;
        var winners = new List<KnowledgePacket>();
        foreach (var prefix in new[] { FederatedKnowledge.CachePrefix, FederatedKnowledge.ScarPrefix, FederatedKnowledge.PriorPrefix, FederatedKnowledge.ReputationPrefix })
        foreach (var key in index.ByKeyPrefix(prefix).Select(s => s.Packet.Key).Distinct(StringComparer.Ordinal))
            if ((await Resolve(key)).Winner is { Kind: PacketKind.Assert } winner) winners.Add(winner);

        var entries = winners.Select(w => FederatedKnowledge.TryReadCacheEntry(w, out var entry) ? (w, entry) : default).Where(e => e.entry is not null).ToList();
        var caches = new Dictionary<string, SemanticCache<FederatedAnswer>>(StringComparer.Ordinal);
        var own = await embedder.GetIdentityAsync();
        if (entries.Count > 0)
        {
            // Shared entries carry prompts, not vectors: this node embeds them itself and matches at its embedder's threshold.
            var options = SemanticCacheOptions.Default with { SimilarityThreshold = embedder.CacheSimilarityThresholdFor(own), Dimension = own.Dimension };
            var vectors = await embedder.Generator.GenerateAsync(entries.Select(e => e.entry.Prompt).ToList());
            for (var i = 0; i < entries.Count; i++)
            {
                var (packet, entry) = entries[i];
                if (!caches.TryGetValue(entry.Router, out var cache)) caches[entry.Router] = cache = new SemanticCache<FederatedAnswer>(options, time);
                cache.Add(entry.Prompt, vectors[i].Vector.Span, entry.OptionsKey, new FederatedAnswer(entry.Expert, entry.Answer, packet.Id, packet.Origin, 1));
            }
        }
        var scars = winners.Select(w => FederatedKnowledge.TryReadScar(w, out var scar) ? scar : null).OfType<FederatedScar>().ToList();
        var priors = winners.Select(w => FederatedKnowledge.TryReadPrior(w, out var prior) ? prior : null).OfType<ExpertPrior>().ToList();
        var reputations = winners.Where(w => w.Key.StartsWith(FederatedKnowledge.ReputationPrefix, StringComparison.Ordinal)).ToList();
        return _advice = new AdviceBook(index.Count, peers, own, caches, scars, priors, reputations);
    }

    private sealed record AdviceBook(
        int PacketCount, FederationPeerState Peers, EmbedderIdentity Embedder, Dictionary<string, SemanticCache<FederatedAnswer>> Caches,
        List<FederatedScar> Scars, List<ExpertPrior> Priors, List<KnowledgePacket> Reputations);
}
