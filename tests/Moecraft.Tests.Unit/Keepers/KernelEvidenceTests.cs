using System.Collections.Immutable;
using Moecraft.Experts;
using Moecraft.Kernel;
using Moecraft.Routing;

namespace Moecraft.Tests.Keepers;

/// <summary>Whether a proposal's evidence holds against the router's and the expert's reports, without a cluster (SPEC 5.2, 5.3).</summary>
public sealed class KernelEvidenceTests
{
    private static readonly ImmutableArray<float> Centroid = [1f, 0f, 0f];

    private static RouterSnapshot Router(int inputDimension = 3) =>
        new("r", new RouterConfiguration(4, inputDimension, 2, 1.0, 42), [new RosterSlot(0, "a", true), new RosterSlot(1, "b", false)], 2, 0);

    private static ReflexStatistics Passing => new(StableSteps: 12, PhiSlow: 0.9, FeedbackSamples: 60, FeedbackMean: 0.85, OverlappingScars: 0);

    [Fact]
    public void A_region_of_a_roster_expert_in_the_routers_width_holds()
    {
        Assert.Null(KernelEvidence.AgainstRouter(Router(), "a", Centroid, 0.1));
        Assert.Null(KernelEvidence.AgainstRouter(Router(), "b", Centroid, 0.1));
    }

    [Fact]
    public void A_region_measured_with_another_embedder_no_longer_holds()
    {
        Assert.Equal(
            "the region was measured with 3-value embeddings and router 'r' now takes 8 (it moved to another embedder)",
            KernelEvidence.AgainstRouter(Router(inputDimension: 8), "a", Centroid, 0.1));
    }

    [Fact]
    public void An_expert_off_the_roster_no_longer_holds()
    {
        Assert.Equal("expert 'c' is not on router 'r''s roster", KernelEvidence.AgainstRouter(Router(), "c", Centroid, 0.1));
    }

    [Fact]
    public void A_region_that_is_no_region_is_bad_input()
    {
        Assert.Throws<ArgumentException>(() => KernelEvidence.AgainstRouter(Router(), "a", [0f, 0f, 0f], 0.1));
        Assert.Throws<ArgumentException>(() => KernelEvidence.AgainstRouter(Router(), "a", Centroid, 0));
        Assert.Throws<ArgumentException>(() => KernelEvidence.AgainstRouter(Router(), "a", [], 0.1));
    }

    [Fact]
    public void A_scar_holds_while_the_expert_answers_and_has_recorded_at_least_the_failures_named()
    {
        var evidence = new ScarEvidence(Centroid, 0.1, 3);
        Assert.Null(KernelEvidence.AgainstExpert("a", ExpertStatus.Active, 3, evidence));
        Assert.Null(KernelEvidence.AgainstExpert("a", ExpertStatus.Cooling, 9, evidence));
        Assert.Equal("expert 'a' is Archived and takes no work", KernelEvidence.AgainstExpert("a", ExpertStatus.Archived, 9, evidence));
        Assert.Equal(
            "expert 'a' has recorded 2 failure(s), fewer than the 3 the evidence names",
            KernelEvidence.AgainstExpert("a", ExpertStatus.Active, 2, evidence));
    }

    [Fact]
    public void A_reflex_holds_while_the_router_counts_what_it_names_and_every_gate_passes()
    {
        var evidence = new ReflexEvidence(Centroid, 0.05, StableSteps: 12, FeedbackSamples: 60);
        Assert.Null(KernelEvidence.AgainstStatistics(Passing, evidence));

        var failure = KernelEvidence.AgainstStatistics(Passing with { StableSteps = 11, FeedbackSamples = 59 }, evidence);

        Assert.Equal(
            "the router counts 11 stable top-1 step(s), fewer than the 12 the evidence names; " +
            "the router counts 59 feedback sample(s), fewer than the 60 the evidence names",
            failure);
    }

    [Fact]
    public void The_counters_a_router_sent_are_found_by_proposal()
    {
        var sent = new RouterEvidence(Router(), "cluster", [new ReflexReading("p1", Passing), new ReflexReading("p2", Passing with { StableSteps = 3 })]);

        Assert.Equal(3, KernelEvidence.ReadingFor(sent, "p2")?.StableSteps);
        Assert.Null(KernelEvidence.ReadingFor(sent, "p3"));
        Assert.Null(KernelEvidence.ReadingFor(sent with { Reflexes = default }, "p1"));
    }

    [Fact]
    public void A_reflex_whose_gate_fails_names_the_gate()
    {
        var evidence = new ReflexEvidence(Centroid, 0.05, StableSteps: 10, FeedbackSamples: 50);

        var failure = KernelEvidence.AgainstStatistics(Passing with { OverlappingScars = 1 }, evidence);

        Assert.Equal("gate 4: 1 committed scar(s) of the expert overlap the region", failure);
    }
}
