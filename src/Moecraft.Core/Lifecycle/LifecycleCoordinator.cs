using Moecraft.Balancing;
using Moecraft.Coherence;
using static System.FormattableString;

namespace Moecraft.Lifecycle;

/// <summary>
/// Chooses at most one roster edit (SPEC 3.6): every candidate is scored by the free energy <c>F</c> (SPEC 3.5) recomputed
/// on the edited roster, and the best eligible one is proposed only if <c>F_new &lt; F - margin</c>.
/// Predictions: prune drops <c>e</c> from <c>A</c>; merge retires the less coherent of the pair (ties: fewer tokens, then
/// the higher slot) and hands its load to the one kept; split puts a copy of <c>e</c> (same <c>phi_slow</c>, half the load
/// each, no role vector yet) in the first free slot and sets both <c>B</c> to 0; spawn puts a fresh expert in the first free
/// slot with an average load share at <see cref="LifecycleRule.SpawnedCoherencePrior"/>. <c>Neff</c> and saturation use
/// the slow load-share clocks. Merge candidates are each active expert paired with its most similar role.
/// </summary>
public static class LifecycleCoordinator
{
    /// <exception cref="ArgumentException">An invalid roster, weights or rule.</exception>
    public static LifecycleDecision Decide(RosterSnapshot roster, FreeEnergyWeights weights, LifecycleRule rule)
    {
        roster.Validate();
        weights.Validate();
        rule.Validate();

        var before = FreeEnergy.Of(roster, weights);
        var freeSlot = Array.IndexOf(roster.Active, false);
        var candidates = new List<LifecycleCandidate>();
        for (var e = 0; e < roster.Slots; e++)
        {
            if (roster.Active[e]) candidates.Add(Prune(roster, e, before, weights, rule));
        }
        candidates.AddRange(Merges(roster, weights, rule));
        for (var e = 0; e < roster.Slots; e++)
        {
            if (roster.Active[e]) candidates.Add(Split(roster, e, freeSlot, weights, rule));
        }
        candidates.Add(Spawn(roster, freeSlot, before, weights, rule));

        var requiredBelow = before.Value - rule.MinimumImprovement;
        var bestEligible = candidates.Where(c => c.Eligible).MinBy(c => c.PredictedFreeEnergy);
        // A prune the ablation showed harmful goes ahead even where F, which cannot foresee the partners' recovery once the
        // expert stops polluting their mixture, predicts no gain; the measured loss is the stronger evidence.
        var chosen = candidates.Where(c => c.Eligible && (c.PredictedFreeEnergy < requiredBelow || c.ShownHarmful)).MinBy(c => c.PredictedFreeEnergy);
        var summary = chosen is not null
            ? Invariant($"propose {Describe(chosen)}: F {before.Value:0.####} -> {chosen.PredictedFreeEnergy:0.####}{(chosen.PredictedFreeEnergy < requiredBelow ? "" : " (masking the expert lowered the held-out loss)")}")
            : bestEligible is not null
                ? Invariant($"do nothing: the best eligible edit, {Describe(bestEligible)}, gives F {bestEligible.PredictedFreeEnergy:0.####}, not below {requiredBelow:0.####}")
                : Invariant($"do nothing: no eligible edit (F {before.Value:0.####})");
        return new LifecycleDecision(before, requiredBelow, [.. candidates], chosen, summary);
    }

    private static LifecycleCandidate Prune(RosterSnapshot roster, int e, FreeEnergyBreakdown before, FreeEnergyWeights weights, LifecycleRule rule)
    {
        var edited = roster.Copy();
        edited.Active[e] = false;
        var effectiveAfter = LoadBalance.FromShares(edited.LoadShare, edited.Active).EffectiveExperts;

        var phi = roster.SlowCoherence[e];
        var minimumSteps = rule.PruneMinimumSlowClockAge * roster.SlowHalfLife;
        var conditions = new Conditions()
            .Add(phi < rule.PruneCoherenceBelow, Invariant($"phi_slow {Format(phi)} < {rule.PruneCoherenceBelow}"))
            .Add(roster.TokensSeen[e] >= rule.PruneMinimumTokens, Invariant($"tokens {roster.TokensSeen[e]} >= {rule.PruneMinimumTokens}"))
            .Add(roster.Steps >= minimumSteps, Invariant($"steps {roster.Steps} >= {Format(minimumSteps)} (slow clock age)"))
            .Add(before.SlowCoherence >= rule.GuardMinimumCoherence, Invariant($"Psi_slow {Format(before.SlowCoherence)} >= {rule.GuardMinimumCoherence}"))
            .Add(effectiveAfter >= rule.GuardMinimumEffectiveExperts, Invariant($"Neff after prune {Format(effectiveAfter)} >= {rule.GuardMinimumEffectiveExperts}"));
        var ablation = rule.PruneEvidence.Check(roster.Ablations?[e], roster.Steps);
        conditions.Add(ablation.Holds, ablation.Reason);
        return new LifecycleCandidate(LifecycleEditKind.Prune, [e], conditions.AllHold, conditions.ToString(), FreeEnergy.Of(edited, weights).Value)
        {
            ShownHarmful = ablation.Hurts,
        };
    }

    /// <summary>
    /// The active slots whose coherence makes them prune candidates (slow <c>phi_loo</c> below the threshold, enough tokens,
    /// slow clocks within half an ablation's useful age of old enough, so the evidence is there when the prune may first
    /// come) and whose ablation evidence is missing or ageing: the trainer measures these.
    /// </summary>
    public static int[] WantedAblations(RosterSnapshot roster, LifecycleRule rule)
    {
        roster.Validate();
        rule.Validate();
        if (roster.Steps + rule.PruneEvidence.MaximumAge / 2 < rule.PruneMinimumSlowClockAge * roster.SlowHalfLife) return [];
        return [.. Enumerable.Range(0, roster.Slots).Where(e =>
            roster.Active[e]
            && roster.SlowCoherence[e] < rule.PruneCoherenceBelow
            && roster.TokensSeen[e] >= rule.PruneMinimumTokens
            && rule.PruneEvidence.NeedsMeasurement(roster.Ablations?[e], roster.Steps))];
    }

    private static IEnumerable<LifecycleCandidate> Merges(RosterSnapshot roster, FreeEnergyWeights weights, LifecycleRule rule)
    {
        var d = roster.RoleDimension;
        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < roster.Slots; i++)
        {
            if (!roster.Active[i] || !RoleVectors.HasSample(roster.RoleVectors.AsSpan(i * d, d))) continue;

            int partner = -1;
            var bestCosine = double.NegativeInfinity;
            for (var j = 0; j < roster.Slots; j++)
            {
                if (j == i || !roster.Active[j] || !RoleVectors.HasSample(roster.RoleVectors.AsSpan(j * d, d))) continue;
                var cosine = Cosine.Of(roster.RoleVectors.AsSpan(i * d, d), roster.RoleVectors.AsSpan(j * d, d));
                if (cosine > bestCosine) (partner, bestCosine) = (j, cosine);
            }
            if (partner < 0 || !seen.Add((Math.Min(i, partner), Math.Max(i, partner)))) continue;

            var (kept, retired) = KeepFirst(roster, Math.Min(i, partner), Math.Max(i, partner));
            var edited = roster.Copy();
            edited.Active[retired] = false;
            edited.LoadShare[kept] = Load(roster, kept) + Load(roster, retired);

            var conditions = new Conditions()
                .Add(bestCosine > rule.MergeRoleCosineAbove, Invariant($"cos(r_{kept}, r_{retired}) {Format(bestCosine)} > {rule.MergeRoleCosineAbove}"));
            yield return new LifecycleCandidate(
                LifecycleEditKind.Merge, [kept, retired], conditions.AllHold, conditions.ToString(), FreeEnergy.Of(edited, weights).Value);
        }
    }

    private static LifecycleCandidate Split(RosterSnapshot roster, int e, int freeSlot, FreeEnergyWeights weights, LifecycleRule rule)
    {
        var phi = roster.SlowCoherence[e];
        var conditions = new Conditions()
            .Add(roster.Bimodality[e] > rule.SplitBimodalityAbove, Invariant($"B {Format(roster.Bimodality[e])} > {rule.SplitBimodalityAbove}"))
            .Add(phi >= rule.SplitMinimumCoherence, Invariant($"phi_slow {Format(phi)} >= {rule.SplitMinimumCoherence}"))
            .Add(freeSlot >= 0, "a free slot");
        if (freeSlot < 0) return new LifecycleCandidate(LifecycleEditKind.Split, [e], false, conditions.ToString(), double.NaN);

        var edited = roster.Copy();
        edited.Active[freeSlot] = true;
        edited.SlowCoherence[freeSlot] = phi;
        edited.SlowPhi[freeSlot] = roster.SlowPhi[e];
        edited.LoadShare[e] = edited.LoadShare[freeSlot] = Load(roster, e) / 2;
        edited.Bimodality[e] = edited.Bimodality[freeSlot] = 0;
        edited.RoleVectors.AsSpan(freeSlot * roster.RoleDimension, roster.RoleDimension).Clear();
        edited.TokensSeen[freeSlot] = 0;
        return new LifecycleCandidate(LifecycleEditKind.Split, [e, freeSlot], conditions.AllHold, conditions.ToString(), FreeEnergy.Of(edited, weights).Value);
    }

    private static LifecycleCandidate Spawn(RosterSnapshot roster, int freeSlot, FreeEnergyBreakdown before, FreeEnergyWeights weights, LifecycleRule rule)
    {
        var saturation = LoadBalance.FromShares(roster.LoadShare, roster.Active).Saturation;
        var conditions = new Conditions()
            .Add(before.SlowCoherence < rule.SpawnCoherenceBelow, Invariant($"Psi_slow {Format(before.SlowCoherence)} < {rule.SpawnCoherenceBelow}"))
            .Add(freeSlot >= 0, "a free slot")
            .Add(saturation > rule.SpawnSaturationAbove, Invariant($"saturation {Format(saturation)} > {rule.SpawnSaturationAbove}"));
        if (freeSlot < 0) return new LifecycleCandidate(LifecycleEditKind.Spawn, [], false, conditions.ToString(), double.NaN);

        var activeCount = roster.ActiveCount;
        var totalLoad = Enumerable.Range(0, roster.Slots).Where(e => roster.Active[e]).Sum(e => Load(roster, e));
        var edited = roster.Copy();
        edited.Active[freeSlot] = true;
        edited.SlowCoherence[freeSlot] = rule.SpawnedCoherencePrior;
        edited.SlowPhi[freeSlot] = rule.SpawnedCoherencePrior;
        edited.LoadShare[freeSlot] = activeCount == 0 ? 0 : totalLoad / activeCount;
        edited.Bimodality[freeSlot] = 0;
        edited.RoleVectors.AsSpan(freeSlot * roster.RoleDimension, roster.RoleDimension).Clear();
        edited.TokensSeen[freeSlot] = 0;
        return new LifecycleCandidate(LifecycleEditKind.Spawn, [freeSlot], conditions.AllHold, conditions.ToString(), FreeEnergy.Of(edited, weights).Value);
    }

    private static (int Kept, int Retired) KeepFirst(RosterSnapshot roster, int a, int b)
    {
        var phiA = double.IsNaN(roster.SlowCoherence[a]) ? double.NegativeInfinity : roster.SlowCoherence[a];
        var phiB = double.IsNaN(roster.SlowCoherence[b]) ? double.NegativeInfinity : roster.SlowCoherence[b];
        if (phiA != phiB) return phiA > phiB ? (a, b) : (b, a);
        return roster.TokensSeen[b] > roster.TokensSeen[a] ? (b, a) : (a, b);
    }

    private static double Load(RosterSnapshot roster, int e) => double.IsNaN(roster.LoadShare[e]) ? 0 : roster.LoadShare[e];

    private static string Format(double value) => double.IsNaN(value) ? "none" : value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(LifecycleCandidate candidate) =>
        $"{candidate.Kind.ToString().ToLowerInvariant()} {string.Join(",", candidate.Slots)}";

    /// <summary>The conditions of one candidate, each with its outcome, so a logged decision explains itself.</summary>
    private sealed class Conditions
    {
        private readonly List<string> _lines = [];

        public bool AllHold { get; private set; } = true;

        public Conditions Add(bool holds, string condition)
        {
            AllHold &= holds;
            _lines.Add($"{condition}: {(holds ? "yes" : "no")}");
            return this;
        }

        public override string ToString() => string.Join("; ", _lines);
    }
}
