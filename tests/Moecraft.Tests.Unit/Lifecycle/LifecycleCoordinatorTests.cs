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

    [Fact]
    public void A_prune_needs_an_ablation_test()
    {
        // The noise expert of the first test, but never ablated: low coherence alone proposes nothing.
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.9, 0.9, 0.9, 0.1], ablationDelta: [0, 0, 0, double.NaN]), Weights, Rule);

        Assert.Null(decision.Chosen);
        var prune = decision.Candidates.Single(c => c.Kind == LifecycleEditKind.Prune && c.Slots[0] == 3);
        Assert.Contains("ablation: none measured: no", prune.Reason);
    }

    [Fact]
    public void A_specialist_whose_masking_raises_the_loss_is_not_pruned()
    {
        // Slot 3 disagrees with the others (phi_loo 0.05) but masking it costs 0.04 nats: a specialist, not a broken expert.
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.9, 0.9, 0.9, 0.05], ablationDelta: [0, 0, 0, 0.04]), Weights, Rule);

        Assert.Null(decision.Chosen);
        var prune = decision.Candidates.Single(c => c.Kind == LifecycleEditKind.Prune && c.Slots[0] == 3);
        Assert.False(prune.Eligible);
        Assert.Contains("loss 1.5 -> 1.54 masked (+0.04) <= +0.005: no", prune.Reason);
    }

    [Fact]
    public void An_ablation_older_than_its_maximum_age_does_not_count()
    {
        // Measured at step 1,600, read at step 2,000: 400 steps old, past the 300 allowed.
        var decision = LifecycleCoordinator.Decide(Roster(coherence: [0.9, 0.9, 0.9, 0.1], ablationStep: 1600), Weights, Rule);

        Assert.Null(decision.Chosen);
        Assert.Contains(decision.Candidates, c => c.Kind == LifecycleEditKind.Prune && c.Reason.Contains("400 steps old > 300: no", StringComparison.Ordinal));
    }

    [Fact]
    public void An_expert_whose_masking_lowers_the_loss_is_proposed_even_when_f_predicts_no_gain()
    {
        // phi (self term) of slot 3 is 0.95, so removing it lowers Psi_slow and F predicts a loss: F 0.1175 -> 0.1375.
        // Its ablation shows it hurts (masking it lowers the loss by 0.03 nats): proposed anyway. With a neutral
        // ablation the F margin holds it back.
        double[] phiLoo = [0.9, 0.9, 0.9, 0.05];
        double[] phiWithSelf = [0.9, 0.9, 0.9, 0.95];
        var hurts = LifecycleCoordinator.Decide(Roster(coherence: phiLoo, phiWithSelf: phiWithSelf, ablationDelta: [0, 0, 0, -0.03]), Weights, Rule);
        var neutral = LifecycleCoordinator.Decide(Roster(coherence: phiLoo, phiWithSelf: phiWithSelf), Weights, Rule);

        Assert.NotNull(hurts.Chosen);
        Assert.Equal([3], hurts.Chosen.Slots);
        Assert.True(hurts.Chosen.PredictedFreeEnergy > hurts.Before.Value);
        Assert.EndsWith("(masking the expert lowered the held-out loss)", hurts.Summary);
        Assert.Null(neutral.Chosen);
    }

    [Fact]
    public void Ablations_are_wanted_for_low_coherence_experts_without_fresh_evidence()
    {
        // Slots 2 and 3 are below phi_loo 0.3; 2 has a test from step 1,900 (fresh), 3 none; 0 and 1 are coherent.
        var roster = Roster(coherence: [0.9, 0.9, 0.2, 0.1], ablationDelta: [0, 0, 0, double.NaN], ablationStep: 1900);

        Assert.Equal([3], LifecycleCoordinator.WantedAblations(roster, Rule));
        // A test older than half the maximum age (150 steps) is measured again; nothing until 150 steps before the slow
        // clocks are old enough (2 x 1,000 steps).
        Assert.Equal([2, 3], LifecycleCoordinator.WantedAblations(roster with { Steps = 2100 }, Rule));
        Assert.Equal([3], LifecycleCoordinator.WantedAblations(roster with { Steps = 1850 }, Rule));
        Assert.Empty(LifecycleCoordinator.WantedAblations(roster with { Steps = 1849 }, Rule));
    }

    /// <summary>
    /// The first <c>coherence.Length</c> of <paramref name="slots"/> slots are active; roles orthogonal unless given;
    /// <c>phi</c> (self term included, for <c>Psi_slow</c>) equals the <c>phi_loo</c> given unless given itself.
    /// </summary>
    private static RosterSnapshot Roster(
        double[] coherence, double[]? bimodality = null, double[]? load = null, double[]? roles = null, long tokens = 5000, int slots = 8,
        double[]? phiWithSelf = null, double[]? ablationDelta = null, long ablationStep = 2000)
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
        // Unless given, every expert's ablation is neutral (masking it changes nothing): the prune rule then rests on coherence and F.
        var ablations = new AblationEvidence?[slots];
        for (var e = 0; e < coherence.Length; e++)
            ablations[e] = ablationDelta is { } d && double.IsNaN(d[e]) ? null : new AblationEvidence(e, ablationStep, 1.5, 1.5 + (ablationDelta?[e] ?? 0), 4);
        return new RosterSnapshot(active, phi, withSelf, shares, b, roleVectors, dimension, seen, Steps: 2000, SlowHalfLife: 1000, ablations);
    }
}
