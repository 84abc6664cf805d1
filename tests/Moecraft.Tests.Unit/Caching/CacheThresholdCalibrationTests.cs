using System.Globalization;
using Moecraft.Caching;
using Moecraft.Embeddings;
using Moecraft.Experts.Embeddings;
using Moecraft.Tests.Embeddings;
using Xunit.Abstractions;

namespace Moecraft.Tests.Caching;

/// <summary>
/// The cache threshold per embedder (SPEC 4.3): the calibration rule reproduces the hashing embedder's threshold on the
/// default probe set, and on a small probe set MiniLM at its threshold hits nearly every paraphrase with few false hits.
/// The full tables for both embedders come from <c>cacheprobe</c> (docs/results/cacheprobe-embedders-2026-12-05.md).
/// </summary>
public sealed class CacheThresholdCalibrationTests(ITestOutputHelper output)
{
    // 3 bases per template: 30 base prompts and about 260 variants, a second or two of model time.
    private static readonly Lazy<CacheProbeSet> SmallSet = new(() => CacheProbeSet.Generate(CacheProbeSet.DefaultSeed, 3));
    private static readonly Lazy<CacheProbe> MiniLmProbe = new(() => new CacheProbe(SmallSet.Value, SharedModel.MiniLm.Embed));

    [Fact]
    public void On_the_default_set_the_rule_chooses_the_hashing_embedders_threshold()
    {
        var probe = new CacheProbe(CacheProbeSet.Generate(), new HashingEmbedder().Embed);

        var (chosen, grid) = CacheThresholdCalibration.Calibrate(probe);

        Assert.Equal(EmbedderCacheThresholds.Hashing, chosen.SimilarityThreshold, 1e-9);
        Assert.Equal(CacheThresholdCalibration.DefaultGrid.Count, grid.Count);
        Assert.All(grid, r => Assert.True(r.LexicalGuard));
        Assert.All(grid, r => Assert.True(CacheThresholdCalibration.Score(r) <= CacheThresholdCalibration.Score(chosen)));
    }

    [Fact]
    public void A_heavier_weight_on_false_hits_never_chooses_a_lower_threshold()
    {
        var probe = new CacheProbe(SmallSet.Value, new HashingEmbedder().Embed);

        var lenient = CacheThresholdCalibration.Calibrate(probe, falseHitWeight: 1).Chosen.SimilarityThreshold;
        var strict = CacheThresholdCalibration.Calibrate(probe, falseHitWeight: 50).Chosen.SimilarityThreshold;

        Assert.True(strict >= lenient, $"strict {strict}, lenient {lenient}");
        Assert.Throws<ArgumentException>(() => CacheThresholdCalibration.Calibrate(probe, grid: []));
    }

    [Fact]
    public void MiniLM_at_its_threshold_hits_nearly_every_paraphrase_and_the_guard_still_stops_reversals()
    {
        var threshold = EmbedderCacheThresholds.MiniLm;
        var guarded = MiniLmProbe.Value.Measure(threshold, lexicalGuard: true);
        var plain = MiniLmProbe.Value.Measure(threshold, lexicalGuard: false);
        var hashing = new CacheProbe(SmallSet.Value, new HashingEmbedder().Embed).Measure(EmbedderCacheThresholds.Hashing, lexicalGuard: true);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MiniLM {threshold}: guard on FHR {guarded.FalseHitRate:P1} paraphrase {guarded.ParaphraseHitRate:P1}; guard off FHR {plain.FalseHitRate:P1}; hashing paraphrase {hashing.ParaphraseHitRate:P1}"));

        Assert.True(guarded.ParaphraseHitRate > 0.95, $"paraphrase hit rate {guarded.ParaphraseHitRate:P1}");
        Assert.True(guarded.FalseHitRate < 0.05, $"false-hit rate {guarded.FalseHitRate:P1}");
        Assert.True(guarded.ParaphraseHitRate > hashing.ParaphraseHitRate + 0.2);
        // A sentence model scores "is X safe" and "is X not safe" alike too: without the guard, reversals hit.
        Assert.True(plain.FalseHitRate > 4 * guarded.FalseHitRate, $"unguarded {plain.FalseHitRate:P1}");
        Assert.Equal(0, guarded.Kind(ProbeKind.Unrelated).Rate);
    }

    [Fact]
    public void On_a_small_set_the_rule_lands_near_MiniLMs_threshold()
    {
        var chosen = CacheThresholdCalibration.Calibrate(MiniLmProbe.Value).Chosen.SimilarityThreshold;

        Assert.InRange(chosen, EmbedderCacheThresholds.MiniLm - 0.02, EmbedderCacheThresholds.MiniLm + 0.02);
    }
}
