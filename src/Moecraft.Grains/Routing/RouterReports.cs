using System.Collections.Immutable;
using Moecraft.Balancing;
using Moecraft.Coherence;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>Maps the engine's plain results onto the serializable contracts callers receive.</summary>
public static class RouterReports
{
    public static LayerHealthReport Health(string routerId, int epoch, string?[] slotExperts, RouterLayerHealth health) => new(
        routerId,
        epoch,
        health.Steps,
        [.. health.Experts.Where(e => slotExperts[e.Slot] is not null).Select(e => Expert(slotExperts[e.Slot]!, e))],
        health.SlowLoad.EffectiveExperts,
        health.SlowLoad.MaxViolation,
        health.SlowLoad.Saturation,
        health.Psi,
        health.PsiLeaveOneOut,
        FreeEnergy(health.FreeEnergy),
        health.Relevance);

    /// <summary>What the health history keeps of a health report taken at <paramref name="at"/>.</summary>
    public static RouterHealthSnapshot Snapshot(DateTimeOffset at, LayerHealthReport health) => new(
        at,
        health.Epoch,
        health.Steps,
        [.. health.Experts.Select(e => new ExpertHealthPoint(e.Slot, e.ExpertId, e.Active, e.Phi, e.PhiLeaveOneOut, e.Load, e.Bias, e.Degrading))],
        health.EffectiveExperts,
        health.MaxViolation,
        health.Psi,
        health.PsiLeaveOneOut,
        health.FreeEnergy.Value);

    public static LifecycleDecisionRecord Decision(long id, long step, int epoch, DateTimeOffset at, LifecycleDecision decision)
    {
        var candidates = decision.Candidates
            .Select(c => new LifecycleCandidateReport(Edit(c.Kind), [.. c.Slots], c.Eligible, c.Reason, c.PredictedFreeEnergy))
            .ToImmutableArray();
        int? chosen = decision.Chosen is { } pick ? Array.IndexOf(decision.Candidates, pick) : null;
        return new LifecycleDecisionRecord(id, step, epoch, at, FreeEnergy(decision.Before), decision.RequiredBelow, candidates, chosen,
            decision.Summary, decision.ProposesEdit ? LifecycleDecisionStatus.Proposed : LifecycleDecisionStatus.NothingProposed);
    }

    public static RoutingDisagreementReport Disagreement(DisagreementSummary summary) =>
        new(summary.Samples, summary.JensenShannon, summary.Top1FlipRate, summary.TopKSetChange, summary.OverlapMass);

    private static ExpertHealthReport Expert(string expertId, ExpertHealth e) => new(
        e.Slot, expertId, e.Active, Clock(e.Phi), Clock(e.PhiLeaveOneOut), Clock(e.LoadShare), e.TokensSeen,
        e.BiasCoefficient, e.Bias, e.DeltaPhi, e.Degrading, e.Bimodality, e.LoadBias, e.CoherenceBias);

    private static LifecycleEdit Edit(LifecycleEditKind kind) => kind switch
    {
        LifecycleEditKind.Prune => LifecycleEdit.Prune,
        LifecycleEditKind.Merge => LifecycleEdit.Merge,
        LifecycleEditKind.Split => LifecycleEdit.Split,
        LifecycleEditKind.Spawn => LifecycleEdit.Spawn,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown lifecycle edit."),
    };

    private static ClockValues Clock(ClockReading reading) => new(reading.Fast, reading.Mid, reading.Slow);

    private static FreeEnergyReport FreeEnergy(FreeEnergyBreakdown f) => new(f.SlowCoherence, f.Complexity, f.Redundancy, f.Instability, f.Value);

    /// <summary>The roster as callers and keepers see it: occupied slots with their activity, the epoch and the routed units.</summary>
    public static RouterSnapshot Roster(string routerId, RouterLayerState state)
    {
        var slots = ImmutableArray.CreateBuilder<RosterSlot>();
        for (var i = 0; i < state.SlotExperts.Length; i++)
            if (state.SlotExperts[i] is { } expertId) slots.Add(new RosterSlot(i, expertId, state.Active[i]));
        return new RouterSnapshot(routerId, state.Configuration!, slots.ToImmutable(), state.Epoch, state.RoutedUnits);
    }
}
