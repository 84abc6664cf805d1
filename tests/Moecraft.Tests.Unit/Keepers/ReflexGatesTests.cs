using Moecraft.Kernel;

namespace Moecraft.Tests.Keepers;

/// <summary>A reflex's gates 1-4 (SPEC 5.3) as pure logic; gate 5, the budget, is the keeper's <see cref="TickBucket"/>.</summary>
public sealed class ReflexGatesTests
{
    private const int Stable = ReflexGates.StableSteps;
    private const long Samples = ReflexGates.MinFeedbackSamples;

    [Fact]
    public void All_gates_pass_at_their_thresholds()
    {
        Assert.Empty(ReflexGates.Failures(Stable, ReflexGates.MinPhiSlow, Samples, ReflexGates.MinFeedbackMean, 0));
        Assert.Empty(ReflexGates.Failures(Stable + 5, 0.95, Samples * 2, 0.99, 0));
    }

    [Fact]
    public void Gate_1_refuses_a_top_1_not_stable_for_N_steps()
    {
        var failure = Assert.Single(ReflexGates.Failures(Stable - 1, 0.9, Samples, 0.9, 0));
        Assert.StartsWith("gate 1:", failure);
    }

    [Theory]
    [InlineData(0.69)]
    [InlineData(double.NaN)]
    [InlineData(-0.2)]
    public void Gate_2_refuses_a_slow_phi_below_0_7_or_unmeasured(double phi)
    {
        var failure = Assert.Single(ReflexGates.Failures(Stable, phi, Samples, 0.9, 0));
        Assert.StartsWith("gate 2:", failure);
    }

    [Theory]
    [InlineData(49, 1.0)]
    [InlineData(0, 0.0)]
    [InlineData(50, 0.79)]
    [InlineData(500, double.NaN)]
    public void Gate_3_refuses_too_few_or_too_poor_feedback_samples(long samples, double mean)
    {
        var failure = Assert.Single(ReflexGates.Failures(Stable, 0.9, samples, mean, 0));
        Assert.StartsWith("gate 3:", failure);
    }

    [Theory]
    [InlineData(49, 1.0, false)]
    [InlineData(50, 0.79, false)]
    [InlineData(500, double.NaN, false)]
    [InlineData(50, 0.8, true)]
    [InlineData(500, 0.95, true)]
    public void The_feedback_gate_alone_agrees_with_gate_3(long samples, double mean, bool passes)
    {
        Assert.Equal(passes, ReflexGates.FeedbackPasses(samples, mean));
        Assert.Equal(passes, !ReflexGates.Failures(Stable, 0.9, samples, mean, 0).Any(f => f.StartsWith("gate 3:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Gate_4_refuses_an_overlapping_scar()
    {
        var failure = Assert.Single(ReflexGates.Failures(Stable, 0.9, Samples, 0.9, 1));
        Assert.StartsWith("gate 4:", failure);
    }

    [Fact]
    public void Every_failing_gate_is_named_in_order()
    {
        var failures = ReflexGates.Failures(0, double.NaN, 0, 0, 2);
        Assert.Equal(["gate 1:", "gate 2:", "gate 3:", "gate 4:"], failures.Select(f => f[..7]));
    }

    [Fact]
    public void Gate_5_is_the_keepers_budget()
    {
        // The fast keeper's default budget: 10 writes per 100 ticks; the 11th proposal at the same tick is refused.
        var bucket = TickBucket.Full(10, 100, 0);
        for (var i = 0; i < 10; i++) Assert.True(bucket.TryTake(0, out _));
        Assert.False(bucket.TryTake(0, out var wait));
        Assert.Equal(10, wait);
    }

    [Fact]
    public void Regions_overlap_when_their_centroids_are_closer_than_the_sum_of_their_radii()
    {
        float[] a = [1, 0, 0];
        float[] b = [1, 1, 0]; // cosine distance 1 - cos 45° ≈ 0.293
        Assert.True(ScarRegion.Overlaps(a, 0.15, b, 0.15));
        Assert.False(ScarRegion.Overlaps(a, 0.1, b, 0.1));
        Assert.True(ScarRegion.Overlaps(a, 0.01, [2, 0, 0], 0.01));
        Assert.False(ScarRegion.Overlaps(a, 0.9, [-1, 0, 0], 1.0)); // opposite: distance 2, not below 1.9
    }

    [Fact]
    public void A_reflex_proposal_id_covers_its_evidence()
    {
        var region = new ScarEvidence([1f, 0f, 0f], 0.1, 0);
        var reflex = new ReflexEvidence([1f, 0f, 0f], 0.1, 10, 50);
        var id = KernelPayloads.ProposalId(IdentityEventKind.Reflex, "e", region, reflex);
        Assert.Equal(id, KernelPayloads.ProposalId(IdentityEventKind.Reflex, "e", region, reflex with { Centroid = [1f, 0f, 0f] }));
        Assert.NotEqual(id, KernelPayloads.ProposalId(IdentityEventKind.Reflex, "e", region, reflex with { StableSteps = 11 }));
        Assert.NotEqual(id, KernelPayloads.ProposalId(IdentityEventKind.Reflex, "e", region, reflex with { FeedbackSamples = 51 }));
        Assert.NotEqual(id, KernelPayloads.ProposalId(IdentityEventKind.Scar, "e", region));
        Assert.Equal(KeeperClock.Fast, KeeperClocks.Of(IdentityEventKind.Reflex));
        Assert.Equal(10, KeeperClocks.Dwell(KeeperClocks.Of(IdentityEventKind.Reflex)));
    }
}
