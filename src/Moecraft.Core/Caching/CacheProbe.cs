namespace Moecraft.Caching;

/// <summary>
/// Measures a <see cref="SemanticCache{TAnswer}"/> on a <see cref="CacheProbeSet"/>: every base prompt is stored (its
/// answer is its case id) in one cache, then every variant is looked up under the same options key. Embeddings are
/// computed once, here, so several thresholds and guard settings can be compared cheaply. Used by the tests and by the
/// benchmark's <c>cacheprobe</c> command.
/// </summary>
public sealed class CacheProbe
{
    public const string AllEdits = "*";
    private const string OptionsKey = "probe";

    private readonly CacheProbeSet _set;
    private readonly Dictionary<string, float[]> _embeddings = new(StringComparer.Ordinal);
    private readonly int _dimension;

    public CacheProbe(CacheProbeSet set, Func<string, float[]> embed)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(embed);
        _set = set;
        foreach (var text in set.Cases.SelectMany(c => c.Variants.Select(v => v.Text).Prepend(c.Base)))
        {
            if (!_embeddings.ContainsKey(text)) _embeddings[text] = embed(text);
        }
        _dimension = _embeddings.Values.First().Length;
    }

    public CacheProbeResult Measure(double similarityThreshold, bool lexicalGuard) =>
        Measure(new SemanticCacheOptions { SimilarityThreshold = similarityThreshold, LexicalGuard = lexicalGuard });

    public CacheProbeResult Measure(SemanticCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cache = new SemanticCache<int>(options with
        {
            Dimension = _dimension,
            Capacity = Math.Max(options.Capacity, _set.Cases.Count),
        });
        foreach (var probeCase in _set.Cases) cache.Add(probeCase.Base, _embeddings[probeCase.Base], OptionsKey, probeCase.Id);

        var tallies = new Dictionary<(ProbeKind, string), (int Lookups, int Hits, int Wrong)>();
        void Count(ProbeKind kind, string edit, bool own, bool wrong)
        {
            var t = tallies.GetValueOrDefault((kind, edit));
            tallies[(kind, edit)] = (t.Lookups + 1, t.Hits + (own ? 1 : 0), t.Wrong + (wrong ? 1 : 0));
        }

        foreach (var probeCase in _set.Cases)
        {
            foreach (var variant in probeCase.Variants)
            {
                var hit = cache.TryGet(variant.Text, _embeddings[variant.Text], OptionsKey, out var found);
                var own = hit && found.Answer == probeCase.Id;
                var wrong = hit && !own;
                Count(variant.Kind, variant.Edit, own, wrong);
                Count(variant.Kind, AllEdits, own, wrong);
            }
        }

        var rows = tallies
            .OrderBy(t => t.Key.Item1).ThenBy(t => t.Key.Item2 == AllEdits ? "" : t.Key.Item2, StringComparer.Ordinal)
            .Select(t => new CacheProbeRow(t.Key.Item1, t.Key.Item2, t.Value.Lookups, t.Value.Hits, t.Value.Wrong))
            .ToList();
        var shouldNot = rows.Where(r => r.Kind != ProbeKind.Paraphrase && r.Edit == AllEdits).ToList();
        var paraphrase = rows.Single(r => r.Kind == ProbeKind.Paraphrase && r.Edit == AllEdits);
        return new CacheProbeResult(
            options.SimilarityThreshold,
            options.LexicalGuard,
            shouldNot.Sum(r => r.Lookups),
            shouldNot.Sum(r => r.Hits + r.WrongHits),
            paraphrase.Lookups,
            paraphrase.Hits,
            rows);
    }
}
