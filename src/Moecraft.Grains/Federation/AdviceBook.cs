using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Moecraft.Caching;
using Moecraft.Experts.Embeddings;
using Moecraft.Kernel;
using Moecraft.Routing;

namespace Moecraft.Federation;

/// <summary>
/// Federated knowledge on the routing path (SPEC 6): what the packets a node serves say about a request. Built from the
/// winners of the served <c>cache:</c>, <c>scar:</c>, <c>prior:</c> and <c>reputation:</c> keys
/// (<see cref="FederatedKnowledge"/>); the knowledge sync grain builds a new one when the packets or the tiers change, so a
/// SANDBOX peer's entries count only once an operator promotes it, and a demotion withdraws them at once.
/// </summary>
public sealed class AdviceBook
{
    /// <summary>The keys advice is read from.</summary>
    public static readonly ImmutableArray<string> Prefixes =
        [FederatedKnowledge.CachePrefix, FederatedKnowledge.ScarPrefix, FederatedKnowledge.PriorPrefix, FederatedKnowledge.ReputationPrefix];

    private readonly EmbedderIdentity _embedder;
    private readonly Dictionary<string, SemanticCache<FederatedAnswer>> _caches;
    private readonly List<FederatedScar> _scars;
    private readonly List<ExpertPrior> _priors;
    private readonly List<KnowledgePacket> _reputations;

    private AdviceBook(
        EmbedderIdentity embedder, Dictionary<string, SemanticCache<FederatedAnswer>> caches, List<FederatedScar> scars, List<ExpertPrior> priors,
        List<KnowledgePacket> reputations) =>
        (_embedder, _caches, _scars, _priors, _reputations) = (embedder, caches, scars, priors, reputations);

    /// <summary>The book of <paramref name="winners"/> (winning packets that assert), for a node embedding with <paramref name="embedder"/>.</summary>
    public static async Task<AdviceBook> BuildAsync(IReadOnlyList<KnowledgePacket> winners, SiloEmbedder embedder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(winners);
        ArgumentNullException.ThrowIfNull(embedder);
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
        return new AdviceBook(own, caches, scars, priors, reputations);
    }

    /// <summary>A shared answer for the request, the experts scarred for its region, and the routing priors of <paramref name="routerId"/>.</summary>
    public FederationAdvice Advise(string routerId, string prompt, ImmutableArray<float> embedding, string optionsKey)
    {
        FederatedAnswer? cached = null;
        if (_caches.TryGetValue(routerId, out var cache) && cache.TryGet(prompt, embedding.AsSpan(), optionsKey, out var hit))
            cached = hit.Answer with { Similarity = hit.Similarity };
        // Only scars made in this node's embedding space (SPEC 4.2): a region of another embedder's space means nothing here.
        var scarred = _scars
            .Where(s => s.Router == routerId && s.Embedder == _embedder && ScarRegion.Contains(s.Centroid, s.Radius, embedding.AsSpan()))
            .Select(s => s.Expert).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        // A peer's measured success rate beats its coherence summary of the same expert.
        var priors = _priors.Where(p => p.Router == routerId).ToList();
        foreach (var reputation in _reputations)
            if (FederatedKnowledge.TryReadReputation(reputation, routerId, out var prior) && !priors.Exists(p => p.Expert == prior.Expert)) priors.Add(prior);
        return new FederationAdvice(cached, scarred, [.. priors]);
    }

    /// <summary>Whether a scar of this node's embedding space names one of <paramref name="experts"/> of <paramref name="routerId"/>, in any region.</summary>
    public bool ScarsName(string routerId, ImmutableArray<string> experts) =>
        _scars.Exists(s => s.Router == routerId && s.Embedder == _embedder && experts.Contains(s.Expert, StringComparer.Ordinal));
}
