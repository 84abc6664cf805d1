using Moecraft.Lifecycle;

namespace Moecraft.Tests.Lifecycle;

public sealed class LifecycleCoordinatorTests
{
    private static readonly FreeEnergyWeights Weights = new();
    private static readonly LifecycleRule Rule = new();

    [Fact]
    public void A_noise_expert_with_many_tokens_is_proposed_for_pruning()
    {
        // E_max = 8, four active, equal load, orthogonal roles, B = 0. phi_slow = [0.9, 0.9, 0.9, 0.1].
        // Psi_slow = 0.7, F = 0.3 + 0.1 * 4/8 = 0.35. Prune 3: Psi_slow = 0.9, F = 0.1 + 0.1 * 3/8 = 0.1375.
        var roster = Roster(coherence: [0.9, 0.9, 0.9, 0.1]);

        var decision = LifecycleCoordinator.Decide(roster, Weights, Rule);

        Assert.Equal(0.35, decision.Before.Value, 1e-9);
        Assert.Equal(0.34, decision.RequiredBelow, 1e-9);
        Assert.NotNull(decision.Chosen);
        Assert.Equal(LifecycleEditKind.Prune, decision.Chosen.Kind);
        Assert.Equal([3], decision.Chosen.Slots);
        Assert.Equal(0.1375, decision.Chosen.PredictedFreeEnergy, 1e-9);
        Assert.StartsWith("propose prune 3", decision.Summary);

        // Full context: a prune, a split per active expert, one spawn, and the merge pairs, each with its reasons.
        Assert.Equal(4, decision.Candidates.Count(c => c.Kind == LifecycleEditKind.Prune));
        Assert.Equal(4, decision.Candidates.Count(c => c.Kind == LifecycleEditKind.Split));
        Assert.Single(decision.Candidates, c => c.Kind == LifecycleEditKind.Spawn);
        var healthyPrune = decision.Candidates.First(c => c.Kind == LifecycleEditKind.Prune && c.Slots[0] == 0);
        Assert.False(healthyPrune.Eligible);
        Assert.Contains("phi_slow 0.9 < 0.3: no", healthyPrune.Reason);
    }

    [Fact]
    public void Healthy_experts_get_do_nothing()
    {
        // Pruning a healthy expert would lower F by lambda / 8 = 0.0125, but it is not eligible: nothing is proposed.
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.9, 0.9, 0.9, 0.9], bimodality: [0.05, 0.05, 0.05, 0.05]), Weights, Rule);

        Assert.Null(decision.Chosen);
        Assert.False(decision.ProposesEdit);
        Assert.DoesNotContain(decision.Candidates, c => c.Eligible);
        Assert.StartsWith("do nothing", decision.Summary);
    }

    [Fact]
    public void A_bimodal_healthy_expert_is_split_into_a_free_slot()
    {
        // phi_slow = 0.8 for all, B_0 = 0.5: F = 0.2 + 0.05 + 0.5 * 0.125 = 0.3125.
        // Split 0 into slot 4: N = 5/8, I = 0, Psi unchanged: F = 0.2 + 0.0625 = 0.2625.
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.8, 0.8, 0.8, 0.8], bimodality: [0.5, 0, 0, 0]), Weights, Rule);

        Assert.NotNull(decision.Chosen);
        Assert.Equal(LifecycleEditKind.Split, decision.Chosen.Kind);
        Assert.Equal([0, 4], decision.Chosen.Slots);
        Assert.Equal(0.3125, decision.Before.Value, 1e-9);
        Assert.Equal(0.2625, decision.Chosen.PredictedFreeEnergy, 1e-9);
    }

    [Fact]
    public void A_bimodal_but_incoherent_expert_is_not_split()
    {
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.2, 0.8, 0.8, 0.8], bimodality: [0.5, 0, 0, 0], tokens: 10), Weights, Rule);

        var split = decision.Candidates.Single(c => c.Kind == LifecycleEditKind.Split && c.Slots[0] == 0);
        Assert.False(split.Eligible);
        Assert.Contains("phi_slow 0.2 >= 0.3: no", split.Reason);
    }

    [Fact]
    public void Starvation_guard_blocks_a_prune_that_leaves_fewer_than_two_effective_experts()
    {
        // Two active experts, equal load: Psi_slow = 0.5 passes, but Neff after pruning 1 is 1 < 2.
        var roster = Roster(coherence: [0.9, 0.1]);

        var decision = LifecycleCoordinator.Decide(roster, Weights, Rule);

        Assert.Null(decision.Chosen);
        var prune = decision.Candidates.Single(c => c.Kind == LifecycleEditKind.Prune && c.Slots[0] == 1);
        Assert.False(prune.Eligible);
        Assert.Contains("Neff after prune 1 >= 2: no", prune.Reason);
        Assert.True(prune.PredictedFreeEnergy < decision.RequiredBelow, "the prune would have lowered F: only the guard stopped it");
    }

    [Fact]
    public void Starvation_guard_blocks_a_prune_in_an_incoherent_layer()
    {
        // Psi_slow = (0.5 * 3 + 0.1) / 4 = 0.4 < 0.5.
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.5, 0.5, 0.5, 0.1]), Weights, Rule);

        Assert.Null(decision.Chosen);
        var prune = decision.Candidates.Single(c => c.Kind == LifecycleEditKind.Prune && c.Slots[0] == 3);
        Assert.Contains("Psi_slow 0.4 >= 0.5: no", prune.Reason);
    }

    [Fact]
    public void The_guard_reads_the_layer_coherence_from_phi_and_the_prune_condition_from_phi_loo()
    {
        // A trained layer as measured on the toy bench: phi_loo low for everyone (0.2, the noise expert 0.02), phi high
        // (0.8, the noise expert 0.6). Psi_slow over phi = (0.8 * 3 + 0.6) / 4 = 0.75 >= 0.5, so the guard holds; only the
        // noise expert is below the (calibrated) prune threshold 0.1.
        var rule = Rule with { PruneCoherenceBelow = 0.1 };
        var decision = LifecycleCoordinator.Decide(
            Roster(coherence: [0.2, 0.2, 0.2, 0.02], phiWithSelf: [0.8, 0.8, 0.8, 0.6]), Weights, rule);

        Assert.Equal(0.75, decision.Before.SlowCoherence, 1e-12);
        Assert.Equal(LifecycleEditKind.Prune, decision.Chosen?.Kind);
        Assert.Equal([3], decision.Chosen!.Slots);
        Assert.All(decision.Candidates.Where(c => c.Kind == LifecycleEditKind.Prune && c.Slots[0] != 3), c =>
        {
            Assert.False(c.Eligible);
            Assert.Contains("phi_slow 0.2 < 0.1: no", c.Reason);
        });
    }

    [Fact]
    public void A_prune_waits_until_the_slow_clocks_are_two_half_lives_old()
    {
        // Same layer as the first test (prune 3 is the right call), but only 1,999 of the 2 x 1,000 steps the slow clock needs.
        var young = Roster(coherence: [0.9, 0.9, 0.9, 0.1]) with { Steps = 1999 };

        var decision = LifecycleCoordinator.Decide(young, Weights, Rule);

        Assert.Null(decision.Chosen);
        var prune = decision.Candidates.Single(c => c.Kind == LifecycleEditKind.Prune && c.Slots[0] == 3);
        Assert.Contains("steps 1999 >= 2000 (slow clock age): no", prune.Reason);
        Assert.True(prune.PredictedFreeEnergy < decision.RequiredBelow, "only the age guard stopped it");
        Assert.Equal(3, LifecycleCoordinator.Decide(young, Weights, Rule with { PruneMinimumSlowClockAge = 0 }).Chosen?.Slots.Single());
    }

    [Fact]
    public void A_prune_needs_enough_tokens()
    {
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.9, 0.9, 0.9, 0.1], tokens: 999), Weights, Rule);

        Assert.Null(decision.Chosen);
        Assert.Contains(decision.Candidates, c => c.Kind == LifecycleEditKind.Prune && c.Reason.Contains("tokens 999 >= 1000: no", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_experts_with_the_same_role_are_merged_into_the_more_coherent_one()
    {
        // r_0 = r_1: R = 1 adds 0.5 to F. Merge keeps 0 (phi 0.9 > 0.85) and retires 1.
        double[] roles = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.9, 0.85, 0.9, 0.9], roles: roles), Weights, Rule);

        Assert.NotNull(decision.Chosen);
        Assert.Equal(LifecycleEditKind.Merge, decision.Chosen.Kind);
        Assert.Equal([0, 1], decision.Chosen.Slots);
        Assert.Equal(1.0, decision.Before.Redundancy, 1e-12);
    }

    [Fact]
    public void A_saturated_incoherent_layer_spawns_an_expert()
    {
        // phi_slow 0.3 each, loads [0.7, 0.1, 0.1, 0.1]: Psi_slow = 0.3 < 0.5, saturation = 4 * 0.7 = 2.8 > 2.
        // F = 0.7 + 0.05 = 0.75. Spawn: newcomer at load 0.25, phi 0.5: Psi = (0.3 + 0.125) / 1.25 = 0.34,
        // F = 0.66 + 0.0625 = 0.7225 < 0.74.
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.3, 0.3, 0.3, 0.3], load: [0.7, 0.1, 0.1, 0.1]), Weights, Rule);

        Assert.NotNull(decision.Chosen);
        Assert.Equal(LifecycleEditKind.Spawn, decision.Chosen.Kind);
        Assert.Equal([4], decision.Chosen.Slots);
        Assert.Equal(0.7225, decision.Chosen.PredictedFreeEnergy, 1e-9);
    }

    [Fact]
    public void No_free_slot_means_no_split_or_spawn()
    {
        var roster = Roster(coherence: [0.8, 0.8, 0.8, 0.8], bimodality: [0.5, 0, 0, 0], slots: 4);

        var decision = LifecycleCoordinator.Decide(roster, Weights, Rule);

        Assert.Null(decision.Chosen);
        var split = decision.Candidates.Single(c => c.Kind == LifecycleEditKind.Split && c.Slots[0] == 0);
        Assert.False(split.Eligible);
        Assert.Contains("a free slot: no", split.Reason);
        Assert.True(double.IsNaN(split.PredictedFreeEnergy));
    }

    [Fact]
    public void An_eligible_edit_that_does_not_lower_f_enough_is_not_proposed()
    {
        // B_0 = 0.3 (> 0.25): split gains kappa * 0.3 / 4 = 0.0375 but costs lambda / 8 = 0.0125 -> 0.025 > 0.01, proposed;
        // with a margin of 0.05 it is not.
        var strict = Rule with { MinimumImprovement = 0.05 };
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.8, 0.8, 0.8, 0.8], bimodality: [0.3, 0, 0, 0]), Weights, strict);

        Assert.Null(decision.Chosen);
        Assert.Contains(decision.Candidates, c => c.Eligible);
        Assert.StartsWith("do nothing: the best eligible edit, split 0,4", decision.Summary);
    }

    /// <summary>
    /// The first <c>coherence.Length</c> of <paramref name="slots"/> slots are active; roles orthogonal unless given;
    /// <c>phi</c> (self term included, for <c>Psi_slow</c>) equals the <c>phi_loo</c> given unless given itself.
    /// </summary>
    private static RosterSnapshot Roster(
        double[] coherence, double[]? bimodality = null, double[]? load = null, double[]? roles = null, long tokens = 5000, int slots = 8,
        double[]? phiWithSelf = null)
    {
        const int dimension = 4;
        var active = new bool[slots];
        var phi = Enumerable.Repeat(double.NaN, slots).ToArray();
        var withSelf = Enumerable.Repeat(double.NaN, slots).ToArray();
        var shares = new double[slots];
        var b = new double[slots];
        var roleVectors = new double[slots * dimension];
        var seen = new long[slots];
        for (var e = 0; e < coherence.Length; e++)
        {
            active[e] = true;
            phi[e] = coherence[e];
            withSelf[e] = phiWithSelf?[e] ?? coherence[e];
            shares[e] = load?[e] ?? 1.0 / coherence.Length;
            b[e] = bimodality?[e] ?? 0;
            seen[e] = tokens;
            roleVectors[e * dimension + e % dimension] = 1;
        }
        roles?.CopyTo(roleVectors, 0);
        return new RosterSnapshot(active, phi, withSelf, shares, b, roleVectors, dimension, seen, Steps: 2000, SlowHalfLife: 1000);
    }
}
