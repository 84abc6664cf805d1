using Moecraft.Balancing;
using Moecraft.Lifecycle;

namespace Moecraft.Coherence;

/// <summary>
/// One router layer's ChronoMoE mathematics (SPEC 3.1-3.6) on plain arrays. Each <see cref="ObserveStep"/> takes one
/// step's trace summary and, from that step's statistics only, updates coherence (3.2), the three clocks and the degrading
/// streaks (3.3), <c>s</c> = EMA(mid) of the logit std, <c>m_fast</c> = EMA(fast) of the sampled overlap-only mass, the
/// relevance <c>r</c> (3.1), the load bias <c>b</c> (loss-free balancing's sign rule), the coefficients <c>k</c> and
/// <c>beta = r k s</c>, the input centroids and role vectors (3.5). <c>m_fast</c> follows the mass the coherence part moves
/// on top of the load part (<see cref="CoherenceOverlap"/>), so only <c>beta</c> is damped or vetoed.
/// The selection bias <c>b + beta</c> it returns is for the next step, never the one just observed: no unit's routing sees its own statistics.
/// A rejected step leaves the state untouched (the step runs on a copy that replaces the state only on success).
/// </summary>
public sealed class RouterLayerEngine
{
    private readonly RouterLayerEngineOptions _options;
    private RouterLayerEngineState _state;

    /// <exception cref="ArgumentException">An invalid state or options.</exception>
    public RouterLayerEngine(RouterLayerEngineState state, RouterLayerEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        _options = options ?? new RouterLayerEngineOptions();
        _options.Validate();
        state.Validate();
        _state = state.Clone();
    }

    public RouterLayerEngineOptions Options => _options;

    /// <summary><c>b + beta</c> to apply at the next step (a copy).</summary>
    public double[] CurrentBias => (double[])_state.Bias.Clone();

    /// <summary>A deep copy of the state, for persistence.</summary>
    public RouterLayerEngineState Snapshot() => _state.Clone();

    /// <exception cref="ArgumentException">The input is malformed (see <see cref="TraceStepInput"/>); nothing changes.</exception>
    public StepResult ObserveStep(TraceStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);

        var next = _state.Clone();
        var slots = next.Slots;
        var d = next.OutputDimension;
        var clocks = _options.Clocks;

        var coherence = LayerCoherence.Measure(input.Counts, input.ExpertOutputSums, input.MixtureOutputSums, input.LeaveOneOutSums, d);
        var shares = LoadBalance.Shares(input.Counts, input.TopK, input.Units);
        var load = LoadBalance.FromShares(shares, input.Active);
        var disagreement = input.SampledCleanProbabilities is { } clean && input.SampledBiasedProbabilities is { } biased
            ? RoutingDisagreement.Summarise(clean, biased, slots, input.TopK)
            : null;

        next.Active = (bool[])input.Active.Clone();
        var meanOutput = new double[d];
        for (var e = 0; e < slots; e++)
        {
            if (!input.Active[e]) continue;
            // A zero share is a real observation of load (unlike phi, which needs units to be defined).
            next.LoadShare.Observe(e, shares[e], clocks);
            next.TokensSeen[e] += input.Counts[e];
            if (input.Counts[e] == 0) continue; // no reading: phi clocks, streak and role stay as they were

            next.Phi.Observe(e, coherence.Phi[e], clocks);
            next.PhiLeaveOneOut.Observe(e, coherence.PhiLeaveOneOut[e], clocks);
            var delta = DegradingRule.DeltaPhi(next.PhiLeaveOneOut.Fast[e], next.PhiLeaveOneOut.Slow[e]);
            next.DegradingStreaks[e] = _options.Degrading.NextStreak(next.DegradingStreaks[e], delta);

            for (var i = 0; i < d; i++) meanOutput[i] = input.ExpertOutputSums[e * d + i] / input.Counts[e];
            RoleVectors.Observe(next.RoleVectors.AsSpan(e * d, d), meanOutput, clocks.SlowAlpha);
        }

        next.LogitScale = HalfLifeEma.Update(next.LogitScale, input.LogitStd, clocks.MidAlpha);
        // The bridge detector watches the mass the coherence part moved this step, on top of the load part (both as applied).
        if (input.SampledCleanProbabilities is { } cleanRows)
            next.FastOverlapMass = HalfLifeEma.Update(
                next.FastOverlapMass, CoherenceOverlap.Mass(cleanRows, _state.LoadBias, _state.CoherenceBias, next.Active), clocks.FastAlpha);
        next.Relevance = _options.Bridge.Relevance(next.FastOverlapMass);
        next.LoadBias = _options.Bias.NextLoadBias(next.LoadBias, next.Active, input.Counts);
        next.BiasCoefficients = _options.Bias.NextCoherenceCoefficients(next.BiasCoefficients, next.Active, input.Counts, next.PhiLeaveOneOut.Slow);
        next.CoherenceBias = ScaleFreeBias.Beta(next.BiasCoefficients, next.Relevance, next.LogitScale, next.Active);
        next.Bias = SelectionBias(next.LoadBias, next.CoherenceBias);

        if (input.SampledInputs is { } inputs && input.SampledInputExperts is { } experts)
        {
            var width = next.InputDimension;
            for (var s = 0; s < experts.Length; s++)
                next.Centroids.Observe(experts[s], inputs.AsSpan(s * width, width), clocks.MidAlpha);
        }

        next.Steps++;
        foreach (var ablation in input.Ablations ?? []) next.SetAblation(ablation.Slot, ablation with { Step = next.Steps });
        next.LastLoadShares = shares;
        next.LastPsi = coherence.Psi;
        next.LastPsiLeaveOneOut = coherence.PsiLeaveOneOut;
        _state = next;

        return new StepResult(next.Steps, CurrentBias, next.Relevance, next.LogitScale, next.FastOverlapMass, coherence, load, disagreement)
        {
            LoadBias = (double[])next.LoadBias.Clone(),
            CoherenceBias = (double[])next.CoherenceBias.Clone(),
        };
    }

    /// <summary><c>b + beta</c>: what selects the next step's experts.</summary>
    private static double[] SelectionBias(double[] load, double[] coherence)
    {
        var bias = new double[load.Length];
        for (var e = 0; e < bias.Length; e++) bias[e] = load[e] + coherence[e];
        return bias;
    }

    /// <summary>Per-slot and layer health from the state; reads nothing new.</summary>
    public RouterLayerHealth Health()
    {
        var state = _state;
        var experts = new ExpertHealth[state.Slots];
        for (var e = 0; e < experts.Length; e++)
        {
            var delta = DegradingRule.DeltaPhi(state.PhiLeaveOneOut.Fast[e], state.PhiLeaveOneOut.Slow[e]);
            experts[e] = new ExpertHealth(
                e,
                state.Active[e],
                state.Phi.Read(e),
                state.PhiLeaveOneOut.Read(e),
                state.LoadShare.Read(e),
                state.TokensSeen[e],
                state.BiasCoefficients[e],
                state.Bias[e],
                delta,
                state.DegradingStreaks[e],
                _options.Degrading.IsDegrading(state.DegradingStreaks[e]),
                state.Centroids.Bimodality(e))
            {
                LoadBias = state.LoadBias[e],
                CoherenceBias = state.CoherenceBias[e],
            };
        }

        return new RouterLayerHealth(
            state.Steps,
            experts,
            LoadBalance.FromShares(state.LastLoadShares, state.Active),
            LoadBalance.FromShares(state.LoadShare.Slow, state.Active),
            state.LastPsi,
            state.LastPsiLeaveOneOut,
            FreeEnergy.Of(Roster(), _options.FreeEnergy),
            state.Relevance,
            state.LogitScale,
            state.FastOverlapMass);
    }

    /// <summary>The lifecycle's view of the layer: slow <c>phi_loo</c> and <c>phi</c>, slow load share, bimodality, roles, tokens.</summary>
    public RosterSnapshot Roster()
    {
        var state = _state;
        var bimodality = new double[state.Slots];
        for (var e = 0; e < bimodality.Length; e++) bimodality[e] = state.Centroids.Bimodality(e);
        return new RosterSnapshot(
            (bool[])state.Active.Clone(),
            (double[])state.PhiLeaveOneOut.Slow.Clone(),
            (double[])state.Phi.Slow.Clone(),
            (double[])state.LoadShare.Slow.Clone(),
            bimodality,
            (double[])state.RoleVectors.Clone(),
            state.OutputDimension,
            (long[])state.TokensSeen.Clone(),
            state.Steps,
            _options.Clocks.Slow,
            [.. Enumerable.Range(0, state.Slots).Select(state.Ablation)]);
    }

    /// <summary>The prune candidates whose ablation test the trainer should measure next (SPEC 3.6).</summary>
    public int[] WantedAblations() => LifecycleCoordinator.WantedAblations(Roster(), _options.Lifecycle);

    /// <summary>Re-checks, at commit, the ablation evidence held for <paramref name="slot"/> against the prune rule.</summary>
    public AblationVerdict CheckPruneEvidence(int slot) => _options.Lifecycle.PruneEvidence.Check(_state.Ablation(slot), _state.Steps);

    /// <summary>The lifecycle decision for the current state (SPEC 3.6); proposes, never executes.</summary>
    public LifecycleDecision Propose() => LifecycleCoordinator.Decide(Roster(), _options.FreeEnergy, _options.Lifecycle);

    /// <summary>Forgets everything about <paramref name="slot"/> (a new expert taking a free slot starts from scratch).</summary>
    public void ResetSlot(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, _state.Slots);

        var next = _state.Clone();
        next.Phi.Reset(slot);
        next.PhiLeaveOneOut.Reset(slot);
        next.LoadShare.Reset(slot);
        next.TokensSeen[slot] = 0;
        next.DegradingStreaks[slot] = 0;
        next.Centroids.Reset(slot);
        next.RoleVectors.AsSpan(slot * next.OutputDimension, next.OutputDimension).Clear();
        next.LastLoadShares[slot] = 0;
        next.BiasCoefficients[slot] = 0;
        next.Bias[slot] = 0;
        next.LoadBias[slot] = 0;
        next.CoherenceBias[slot] = 0;
        next.SetAblation(slot, null);
        _state = next;
    }

    private void Validate(TraceStepInput input)
    {
        var slots = _state.Slots;
        var d = _state.OutputDimension;
        if (input.Units < 1) throw new ArgumentException($"A step needs at least one unit, got {input.Units}.", nameof(input));
        if (input.Active is null || input.Active.Length != slots)
            throw new ArgumentException($"The active mask must have {slots} slots.", nameof(input));
        var activeCount = input.Active.Count(a => a);
        if (input.TopK < 1 || input.TopK > activeCount)
            throw new ArgumentException($"Top-k must be in [1, {activeCount}] (the active slots), got {input.TopK}.", nameof(input));

        if (input.Counts is null || input.Counts.Length != slots)
            throw new ArgumentException($"Counts must have {slots} values.", nameof(input));
        long total = 0;
        for (var e = 0; e < slots; e++)
        {
            var n = input.Counts[e];
            if (n < 0) throw new ArgumentException($"Count of slot {e} is negative ({n}).", nameof(input));
            if (n > input.Units) throw new ArgumentException($"Count of slot {e} ({n}) exceeds the {input.Units} units.", nameof(input));
            if (n > 0 && !input.Active[e]) throw new ArgumentException($"Inactive slot {e} has a count of {n}.", nameof(input));
            total += n;
        }
        if (total > (long)input.TopK * input.Units)
            throw new ArgumentException($"Counts sum to {total}, more than k T = {(long)input.TopK * input.Units}.", nameof(input));

        RequireFinite(input.ExpertOutputSums, slots * d, nameof(input.ExpertOutputSums));
        RequireFinite(input.MixtureOutputSums, slots * d, nameof(input.MixtureOutputSums));
        RequireFinite(input.LeaveOneOutSums, slots * d, nameof(input.LeaveOneOutSums));
        if (!(input.LogitStd >= 0) || double.IsInfinity(input.LogitStd))
            throw new ArgumentException($"Logit std must be a finite number >= 0, got {input.LogitStd}.", nameof(input));

        if ((input.SampledCleanProbabilities is null) != (input.SampledBiasedProbabilities is null))
            throw new ArgumentException("Sampled clean and biased probabilities come together or not at all.", nameof(input));
        if (input.SampledCleanProbabilities is { Length: 0 })
            throw new ArgumentException("Sampled probabilities, when given, need at least one row.", nameof(input));

        foreach (var ablation in input.Ablations ?? [])
        {
            if (ablation is null) throw new ArgumentException("An ablation test is missing.", nameof(input));
            ablation.Validate(slots);
            if (!input.Active[ablation.Slot]) throw new ArgumentException($"An ablation names slot {ablation.Slot}, which is not active.", nameof(input));
        }

        if ((input.SampledInputs is null) != (input.SampledInputExperts is null))
            throw new ArgumentException("Sampled inputs and their experts come together or not at all.", nameof(input));
        if (input.SampledInputs is { } inputs && input.SampledInputExperts is { } experts)
        {
            var width = _state.InputDimension;
            if (inputs.Length != experts.Length * width)
                throw new ArgumentException($"{experts.Length} sampled inputs need {experts.Length} x {width} values, got {inputs.Length}.", nameof(input));
            RequireFinite(inputs, inputs.Length, nameof(input.SampledInputs));
            foreach (var e in experts)
            {
                if (e < 0 || e >= slots || !input.Active[e])
                    throw new ArgumentException($"A sampled input went to slot {e}, which is not an active slot.", nameof(input));
            }
        }
    }

    private static void RequireFinite(double[]? values, int length, string name)
    {
        if (values is null || values.Length != length)
            throw new ArgumentException($"{name} must hold {length} values, got {values?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.", name);
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"{name} contains a non-finite value ({v}).", name);
        }
    }
}
