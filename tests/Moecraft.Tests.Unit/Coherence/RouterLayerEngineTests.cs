using System.Text.Json;
using System.Text.Json.Serialization;
using Moecraft.Balancing;
using Moecraft.Coherence;
using Moecraft.Lifecycle;

namespace Moecraft.Tests.Coherence;

public sealed class RouterLayerEngineTests
{
    private const double Tolerance = 1e-9;

    private static readonly JsonSerializerOptions StateJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    [Fact]
    public void First_step_bias_is_hand_computed()
    {
        // E = 2, d = 2, k = 1, T = 10, n = [6, 4]. phi_loo = [cos((1,0),(1,0)), cos((1,0),(0,1))] = [1, 0].
        // Load part: nbar = 5, b = [-0.001, +0.001] (already centred).
        // Coherence part: phi_loo_slow = [1, 0] (clocks start at the first sample): mean 0.5, std 0.5;
        // k = [0.01 * 0.5 / 0.500001, -0.01 * 0.5 / 0.500001]. No sampled rows: r = 1. s = 2. beta = r k s = 2 k.
        var engine = NewEngine(active: [true, true]);
        var result = engine.ObserveStep(Step([6, 4], expert: [1, 0, 1, 0], leaveOneOut: [1, 0, 0, 1], units: 10, logitStd: 2));

        var k0 = 0.01 * 0.5 / 0.500001;
        Assert.Equal(1, result.Step);
        Assert.Equal(1.0, result.Relevance);
        Assert.Equal(2.0, result.LogitScale);
        Assert.Equal([-0.001, 0.001], result.LoadBias);
        Assert.Equal(2 * k0, result.CoherenceBias[0], Tolerance);
        Assert.Equal(-0.001 + 2 * k0, result.Bias[0], Tolerance);
        Assert.Equal(0.001 - 2 * k0, result.Bias[1], Tolerance);
        Assert.Equal(result.Bias, engine.CurrentBias);
        Assert.Equal(1.0, result.Coherence.PhiLeaveOneOut[0], Tolerance);
        Assert.Equal(0.0, result.Coherence.PhiLeaveOneOut[1], Tolerance);
        Assert.Equal(0.2, result.Load.MaxViolation, Tolerance); // (6 - 5) / 5
        Assert.Null(result.Disagreement);
    }

    [Fact]
    public void The_mass_the_coherence_part_moves_drives_the_relevance()
    {
        // Applied this step: b = [0, 0], beta = [ln 1.5, 0]. On the sampled row p = [0.5, 0.5]:
        // softmax(z + b) = [0.5, 0.5], softmax(z + b + beta) = [0.6, 0.4]: m = 0.1 = m_fast (first sample);
        // r = (0.30 - 0.10) / 0.25 = 0.8, so the next beta = 0.8 * k * 2; the next b is not damped.
        var engine = NewEngine(active: [true, true], biases: ([0, 0], [Math.Log(1.5), 0]));
        var step = Step([6, 4], expert: [1, 0, 1, 0], leaveOneOut: [1, 0, 0, 1], units: 10, logitStd: 2) with
        {
            SampledCleanProbabilities = [0.5, 0.5],
            SampledBiasedProbabilities = [0.6, 0.4],
        };

        var result = engine.ObserveStep(step);

        var k0 = 0.01 * 0.5 / 0.500001;
        Assert.Equal(0.1, result.FastOverlapMass, Tolerance);
        Assert.Equal(0.8, result.Relevance, Tolerance);
        Assert.Equal(0.8 * 2 * k0, result.CoherenceBias[0], Tolerance);
        Assert.Equal([-0.001, 0.001], result.LoadBias);
        Assert.NotNull(result.Disagreement);
        Assert.Equal(0.1, result.Disagreement.OverlapMass, Tolerance);
    }

    [Fact]
    public void Mass_moved_by_the_load_part_does_not_damp_the_coherence_part()
    {
        // The load part alone (b = [2, -2], beta = 0) moved the sampled row from [0.5, 0.5] to about [0.98, 0.02]: the
        // routing disagreement reports it, but the coherence part moved nothing, so r stays 1.
        var engine = NewEngine(active: [true, true], biases: ([2, -2], [0, 0]));
        var step = Step([6, 4], expert: [1, 0, 1, 0], leaveOneOut: [1, 0, 0, 1], units: 10, logitStd: 2) with
        {
            SampledCleanProbabilities = [0.5, 0.5],
            SampledBiasedProbabilities = [0.982, 0.018],
        };

        var result = engine.ObserveStep(step);

        Assert.Equal(0.0, result.FastOverlapMass, Tolerance);
        Assert.Equal(1.0, result.Relevance);
        Assert.Equal(0.482, result.Disagreement!.OverlapMass, Tolerance);
        Assert.Equal([1.999, -1.999], result.LoadBias.Select(b => Math.Round(b, 9)));
    }

    [Fact]
    public void The_bridge_veto_switches_off_the_coherence_part_only()
    {
        // beta = [ln 9, 0] moved [0.5, 0.5] to [0.9, 0.1]: m = 0.4 >= m_veto, so r = 0 and the next beta is 0; the load
        // part keeps balancing, and k keeps learning.
        var engine = NewEngine(active: [true, true], biases: ([0, 0], [Math.Log(9), 0]));
        var step = Step([6, 4], expert: [1, 0, 1, 0], leaveOneOut: [1, 0, 0, 1], units: 10, logitStd: 2) with
        {
            SampledCleanProbabilities = [0.5, 0.5],
            SampledBiasedProbabilities = [0.9, 0.1],
        };

        var result = engine.ObserveStep(step);

        Assert.Equal(0.0, result.Relevance);
        Assert.Equal([0.0, 0.0], result.CoherenceBias);
        Assert.Equal([-0.001, 0.001], result.Bias);
        Assert.NotEqual(0.0, engine.Snapshot().BiasCoefficients[0]);
        Assert.Equal(-0.001, engine.Health().Experts[0].LoadBias);
        Assert.Equal(0.0, engine.Health().Experts[0].CoherenceBias);
    }

    [Fact]
    public void The_load_part_is_loss_free_balancing_uncapped()
    {
        // 1,500 steps with expert 0 overloaded: loss-free balancing's sign rule moves b by u = 0.001 a step with no cap, far
        // past the coherence part's bound k_max * s = 1 * 0.1; the health report shows both parts.
        var engine = NewEngine(active: [true, true, true]);
        float[] lossFree = new float[3];
        for (var i = 0; i < 1500; i++)
        {
            engine.ObserveStep(Step([8, 1, 1], expert: [1, 0, 0, 1, -1, 0], leaveOneOut: [1, 0, 0, 1, -1, 0], units: 10, logitStd: 0.1));
            Moecraft.Torch.Training.LossFreeBalancingController.Update(lossFree, [8, 1, 1], 1e-3);
        }

        var health = engine.Health();
        // Each step: sign = [-1, +1, +1] u, centred by u / 3: b_0 moves by -4u/3, to -2 after 1,500 steps.
        Assert.Equal(-2.0, health.Experts[0].LoadBias, 1e-6);
        for (var e = 0; e < 3; e++) Assert.Equal(lossFree[e], health.Experts[e].LoadBias, 1e-3);
        Assert.All(health.Experts, e => Assert.True(Math.Abs(e.CoherenceBias) <= 0.1 + 1e-12));
        Assert.All(health.Experts, e => Assert.Equal(e.LoadBias + e.CoherenceBias, e.Bias, Tolerance));
    }

    [Fact]
    public void No_leakage_the_bias_returned_at_t_depends_only_on_steps_up_to_t()
    {
        var history = Enumerable.Range(0, 4).Select(HistoryStep).ToArray();
        var a = NewEngine(active: [true, true, true]);
        var b = NewEngine(active: [true, true, true]);
        StepResult? lastA = null, lastB = null;
        foreach (var step in history)
        {
            lastA = a.ObserveStep(step);
            lastB = b.ObserveStep(step);
        }
        var returnedAtT = (double[])lastA!.Bias.Clone();
        Assert.Equal(returnedAtT, lastB!.Bias);

        // The bias used at t + 1 is exactly the one returned at t, and routes the same.
        Assert.Equal(returnedAtT, a.CurrentBias);
        float[] logits = [0.3f, 0.2f, 0.25f];
        Assert.Equal(
            BiasedGate.Select(logits, returnedAtT, 1, 1.0).Slots,
            BiasedGate.Select(logits, a.CurrentBias, 1, 1.0).Slots);

        // Step t + 1 with wildly different data does not reach back into what was returned for t.
        var nextA = a.ObserveStep(Step([90, 5, 5], expert: [5, -3, 0, 1, 1, 1], leaveOneOut: [-5, 3, 1, 0, 1, 1], units: 100, logitStd: 40));
        var nextB = b.ObserveStep(Step([0, 50, 50], expert: [0, 0, 2, 2, -1, 3], leaveOneOut: [0, 0, 2, 2, 3, 1], units: 100, logitStd: 0.01));
        Assert.Equal(returnedAtT, lastA.Bias);
        Assert.Equal(returnedAtT, lastB.Bias);
        Assert.NotEqual(nextA.Bias, nextB.Bias); // t + 1's statistics move only the bias for t + 2

        // An engine that never saw anything after t returns the same bias for t.
        var fresh = NewEngine(active: [true, true, true]);
        StepResult? lastFresh = null;
        foreach (var step in history) lastFresh = fresh.ObserveStep(step);
        Assert.Equal(returnedAtT, lastFresh!.Bias);
    }

    [Fact]
    public void A_rejected_step_changes_nothing()
    {
        var engine = NewEngine(active: [true, true, false]);
        engine.ObserveStep(Step([3, 2, 0], expert: [1, 0, 0, 1, 0, 0], leaveOneOut: [1, 1, 0, 1, 0, 0], units: 5, active: [true, true, false]));
        var before = JsonSerializer.Serialize(engine.Snapshot(), StateJson);
        var good = Step([3, 2, 0], expert: [1, 0, 0, 1, 0, 0], leaveOneOut: [1, 1, 0, 1, 0, 0], units: 5, active: [true, true, false]);

        TraceStepInput[] bad =
        [
            good with { ExpertOutputSums = [double.NaN, 0, 0, 1, 0, 0] },
            good with { LeaveOneOutSums = [1, 1, 0, 1] },
            good with { Counts = [3, 1, 1] },                        // count on an inactive slot
            good with { Counts = [6, 0, 0] },                        // more than T units
            good with { Counts = [-1, 2, 0] },
            good with { TopK = 3 },                                  // more than the active slots
            good with { Units = 0 },
            good with { Active = [true, true] },
            good with { LogitStd = double.PositiveInfinity },
            good with { SampledCleanProbabilities = [0.5, 0.5, 0] }, // biased rows missing
            good with { SampledCleanProbabilities = [0.5, 0.5, 0], SampledBiasedProbabilities = [0.9, 0.9, 0] },
            good with { SampledInputs = [1, 0], SampledInputExperts = [2] }, // inactive expert
            good with { SampledInputs = [1, 0, 0], SampledInputExperts = [0] },
        ];
        foreach (var input in bad)
        {
            Assert.ThrowsAny<ArgumentException>(() => engine.ObserveStep(input));
            Assert.Equal(before, JsonSerializer.Serialize(engine.Snapshot(), StateJson));
        }
    }

    [Fact]
    public void Degrading_after_exactly_three_consecutive_steps()
    {
        // Expert 0: phi_loo 0.9 at step 1, then 0.5. Step 2: fast = 0.9 - 0.4 (1 - 2^-0.1) = 0.8732,
        // slow = 0.9 - 0.4 (1 - 2^-0.001) = 0.8997: delta = -0.0265 < -0.01. Steps 2, 3, 4 are below: degrading at 4.
        var engine = NewEngine(active: [true, true]);
        engine.ObserveStep(Step([5, 5], expert: [1, 0, 0, 1], leaveOneOut: [0.9, Math.Sqrt(0.19), 0, 1], units: 10));
        var drifted = Step([5, 5], expert: [1, 0, 0, 1], leaveOneOut: [0.5, Math.Sqrt(0.75), 0, 1], units: 10);

        engine.ObserveStep(drifted);
        var health = engine.Health().Experts[0];
        Assert.Equal(0.9 - 0.4 * (1 - Math.Pow(2, -0.1)), health.PhiLeaveOneOut.Fast, Tolerance);
        Assert.Equal(0.9 - 0.4 * (1 - Math.Pow(2, -0.001)), health.PhiLeaveOneOut.Slow, Tolerance);
        Assert.Equal(1, health.DegradingStreak);
        engine.ObserveStep(drifted);
        Assert.False(engine.Health().Experts[0].Degrading);
        engine.ObserveStep(drifted);

        Assert.True(engine.Health().Experts[0].Degrading);
        Assert.Equal(3, engine.Health().Experts[0].DegradingStreak);
        Assert.False(engine.Health().Experts[1].Degrading);
    }

    [Fact]
    public void A_noise_expert_with_many_tokens_is_proposed_for_pruning()
    {
        // Four experts with outputs along +x, +y, -x, -y (no redundancy). Expert 3 disagrees with the others:
        // phi_loo_3 = cos((0, -1), (1, 0)) = 0; the mixture sums equal the expert sums, so every phi is 1 and Psi_slow
        // (over phi) = 1; F = 0 + 0.1 * 4/4 = 0.1; pruning 3 gives 0.1 * 3/4 = 0.075. Four steps: the slow-clock age guard
        // (its own test in LifecycleCoordinatorTests) is off here.
        var options = new RouterLayerEngineOptions { Lifecycle = new LifecycleRule { PruneMinimumSlowClockAge = 0 } };
        var engine = NewEngine(active: [true, true, true, true], options: options);
        for (var i = 0; i < 4; i++)
            engine.ObserveStep(Step([300, 300, 300, 300], expert: [1, 0, 0, 1, -1, 0, 0, -1], leaveOneOut: [1, 0, 0, 1, -1, 0, 1, 0], units: 1200));

        // Low coherence alone is not enough: the prune waits for the ablation test the engine asks for.
        Assert.Null(engine.Propose().Chosen);
        Assert.Equal([3], engine.WantedAblations());
        engine.ObserveStep(Step([300, 300, 300, 300], expert: [1, 0, 0, 1, -1, 0, 0, -1], leaveOneOut: [1, 0, 0, 1, -1, 0, 1, 0], units: 1200) with
        {
            Ablations = [new AblationEvidence(3, 0, BaselineLoss: 1.80, MaskedLoss: 1.78, Batches: 4)],
        });
        Assert.Empty(engine.WantedAblations());
        Assert.True(engine.CheckPruneEvidence(3).Hurts);

        var decision = engine.Propose();

        Assert.Equal(1500, engine.Health().Experts[3].TokensSeen);
        Assert.Equal(0.1, decision.Before.Value, Tolerance);
        Assert.NotNull(decision.Chosen);
        Assert.Equal(LifecycleEditKind.Prune, decision.Chosen.Kind);
        Assert.Equal([3], decision.Chosen.Slots);
        Assert.Equal(0.075, decision.Chosen.PredictedFreeEnergy, Tolerance);
    }

    [Fact]
    public void Healthy_layer_proposes_nothing_and_reports_its_health()
    {
        var engine = NewEngine(active: [true, true, true, true]);
        for (var i = 0; i < 3; i++)
            engine.ObserveStep(Step([25, 25, 25, 25], expert: [1, 0, 0, 1, -1, 0, 0, -1], leaveOneOut: [1, 0, 0, 1, -1, 0, 0, -1], units: 100));

        var health = engine.Health();
        Assert.Null(engine.Propose().Chosen);
        Assert.Equal(3, health.Steps);
        Assert.Equal(4.0, health.LastStepLoad.EffectiveExperts, Tolerance);
        Assert.Equal(4.0, health.SlowLoad.EffectiveExperts, Tolerance);
        Assert.Equal(1.0, health.Psi, Tolerance);
        Assert.Equal(1.0, health.FreeEnergy.SlowCoherence, Tolerance);
        Assert.All(health.Experts, e =>
        {
            Assert.Equal(1.0, e.PhiLeaveOneOut.Slow, Tolerance);
            Assert.Equal(0.25, e.LoadShare.Mid, Tolerance);
            Assert.Equal(75, e.TokensSeen);
            Assert.False(e.Degrading);
        });
    }

    [Fact]
    public void Bimodal_inputs_show_in_health_and_lead_to_a_split()
    {
        // Expert 0's sampled inputs alternate between two orthogonal directions (d_in = 3): B_0 near 0.5.
        // F = 0 + 0.1 * 2/4 + 0.5 * B_0 / 2 ~ 0.175; splitting 0 into slot 2 gives 0.1 * 3/4 = 0.075.
        var engine = NewEngine(active: [true, true, false, false], inputDimension: 3);
        var step = Step([50, 50, 0, 0], expert: [1, 0, 0, 1, 0, 0, 0, 0], leaveOneOut: [1, 0, 0, 1, 0, 0, 0, 0], units: 100, active: [true, true, false, false]) with
        {
            SampledInputs = [1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1],
            SampledInputExperts = [0, 0, 0, 0],
        };
        for (var i = 0; i < 5; i++) engine.ObserveStep(step);

        Assert.True(engine.Health().Experts[0].Bimodality > 0.45, $"B_0 = {engine.Health().Experts[0].Bimodality}");
        Assert.Equal(0.0, engine.Health().Experts[1].Bimodality);
        var decision = engine.Propose();
        Assert.NotNull(decision.Chosen);
        Assert.Equal(LifecycleEditKind.Split, decision.Chosen.Kind);
        Assert.Equal([0, 2], decision.Chosen.Slots);
    }

    [Fact]
    public void A_snapshot_restores_an_engine_that_continues_identically()
    {
        var original = NewEngine(active: [true, true, true]);
        original.ObserveStep(HistoryStep(0));
        original.ObserveStep(HistoryStep(1));

        var restored = new RouterLayerEngine(original.Snapshot());
        var fromOriginal = original.ObserveStep(HistoryStep(2));
        var fromRestored = restored.ObserveStep(HistoryStep(2));

        Assert.Equal(fromOriginal.Bias, fromRestored.Bias);
        Assert.Equal(JsonSerializer.Serialize(original.Snapshot(), StateJson), JsonSerializer.Serialize(restored.Snapshot(), StateJson));
    }

    [Fact]
    public void An_inconsistent_state_is_rejected()
    {
        var state = RouterLayerEngineState.Create([true, true], outputDimension: 2, inputDimension: 2);
        state.Bias = [0.0];
        Assert.Throws<ArgumentException>(() => new RouterLayerEngine(state));

        var badOptions = new RouterLayerEngineOptions { Bridge = new BridgeDetector(0.5, 0.1) };
        Assert.Throws<ArgumentException>(() => new RouterLayerEngine(RouterLayerEngineState.Create([true], 1, 1), badOptions));
    }

    [Fact]
    public void Reset_slot_forgets_an_expert()
    {
        var engine = NewEngine(active: [true, true]);
        engine.ObserveStep(Step([6, 4], expert: [1, 0, 1, 0], leaveOneOut: [1, 0, 0, 1], units: 10, logitStd: 2));

        engine.ResetSlot(1);

        var expert = engine.Health().Experts[1];
        Assert.True(double.IsNaN(expert.PhiLeaveOneOut.Slow));
        Assert.Equal(0, expert.TokensSeen);
        Assert.Equal(0.0, expert.Bias);
        Assert.Equal(0.0, expert.LoadBias);
        Assert.ThrowsAny<ArgumentException>(() => engine.ResetSlot(2));
    }

    private static RouterLayerEngine NewEngine(
        bool[] active, int inputDimension = 2, RouterLayerEngineOptions? options = null, (double[] Load, double[] Coherence)? biases = null)
    {
        var state = RouterLayerEngineState.Create(active, outputDimension: 2, inputDimension: inputDimension);
        if (biases is { } applied)
        {
            state.LoadBias = applied.Load;
            state.CoherenceBias = applied.Coherence;
            state.Bias = [.. applied.Load.Zip(applied.Coherence, (b, beta) => b + beta)];
        }
        return new RouterLayerEngine(state, options);
    }

    /// <summary>A step with <c>d = 2</c>, all slots active unless given; the mixture sums equal the expert sums.</summary>
    private static TraceStepInput Step(
        long[] counts, double[] expert, double[] leaveOneOut, int units, int topK = 1, double logitStd = 1.0, bool[]? active = null) => new()
    {
        Units = units,
        TopK = topK,
        Active = active ?? counts.Select(_ => true).ToArray(),
        Counts = counts,
        ExpertOutputSums = expert,
        MixtureOutputSums = expert,
        LeaveOneOutSums = leaveOneOut,
        LogitStd = logitStd,
    };

    private static TraceStepInput HistoryStep(int i) =>
        Step([10 + i, 20, 30 - i], expert: [1, i, 0, 1, -1, 0.5], leaveOneOut: [1, 0.5 * i, 1, 1, -1, -i], units: 60, logitStd: 1 + 0.1 * i);
}
