using System.Collections.Immutable;
using Moecraft.Kernel;

namespace Moecraft.Routing;

/// <summary>The router side of reflexes (SPEC 5.3): the counters behind their gates, sent to the fast keeper with the router's ticks and proposals, and read for an operator's.</summary>
public sealed partial class RouterLayerGrain
{
    /// <summary>Gate calls kept for the stable top-1 gate: in memory, so a new activation starts counting afresh (the safe side).</summary>
    public const int TopOneHistoryCapacity = 512;

    private readonly TopOneHistory _topOne = new(TopOneHistoryCapacity);

    public async Task ApplyReflexes(long sequence, ImmutableArray<RegionClaim> reflexes)
    {
        reflexes = ClaimsToHold("reflex", reflexes, nameof(reflexes));
        if (sequence <= state.State.ReflexSequence) return;
        await WriteAsync(next => (next.Reflexes, next.ReflexSequence) = ([.. reflexes], sequence));
    }

    public Task<ImmutableArray<RegionClaim>> GetReflexes()
    {
        RequireConfigured();
        return Task.FromResult(state.State.Reflexes.ToImmutableArray());
    }

    public Task<ReflexStatistics> GetReflexStatistics(string expertId, ImmutableArray<float> centroid, double radius)
    {
        var configuration = RequireConfigured();
        RequireRosterExpert(expertId);
        if (centroid.IsDefault) throw new ArgumentException("A region needs a centroid.", nameof(centroid));
        ScarRegion.Validate(centroid.AsSpan(), radius, configuration.InputDimension);
        return Task.FromResult(ReflexStatisticsOf(expertId, centroid, radius, GetHealthReport()));
    }

    /// <summary>The region radius of the reflexes the router proposes itself.</summary>
    public const double ProposedReflexRadius = 0.05;

    // Experts this activation already proposed a reflex for: one proposal each, so the fast keeper's budget is not spent on repeats.
    private readonly HashSet<string> _reflexesProposed = new(StringComparer.Ordinal);

    /// <summary>
    /// The reflex sentinel (SPEC 5.3): when the gate's top-1 for this prompt has earned a fast path (gates 1-4 pass in the
    /// region around it) and no reflex covers the prompt yet, proposes one to the fast keeper, which commits it itself after
    /// its dwell if the gates still pass.
    /// </summary>
    private void ProposeReflexIfEarned(ImmutableArray<float> input, IReadOnlyList<ExpertPrediction> predictions)
    {
        if (predictions.Count == 0 || ReflexAt(input, predictions) is not null) return;
        var top = predictions.OrderByDescending(p => p.SuccessMean).ThenBy(p => p.ExpertId, StringComparer.Ordinal).First().ExpertId;
        if (_reflexesProposed.Contains(top)) return;
        // The feedback gate first: it is a lookup, while the stable top-1 scans up to 512 recent inputs and phi needs the
        // health report; until feedback has earned it (most routers, most of the time) neither is computed.
        var feedback = state.State.Feedback.GetValueOrDefault(top);
        if (feedback is null || !ReflexGates.FeedbackPasses(feedback.Count, feedback.Mean)) return;
        var statistics = ReflexStatisticsOf(top, input, ProposedReflexRadius, GetHealthReport());
        if (ReflexGates.Failures(statistics.StableSteps, statistics.PhiSlow, statistics.FeedbackSamples, statistics.FeedbackMean, statistics.OverlappingScars).Count > 0)
            return;
        _reflexesProposed.Add(top);
        var evidence = new ReflexEvidence(input, ProposedReflexRadius, statistics.StableSteps, statistics.FeedbackSamples);
        var router = KeeperEvidence([]);
        ProposeToKeeper(KeeperClock.Fast, IdentityEventKind.Reflex, top,
            keeper => keeper.ProposeReflex(top, evidence, statistics, router, commitWhenDue: true),
            failed: () => _reflexesProposed.Remove(top),
            proposed: id => _waitingReflexes[id] = (top, input, ProposedReflexRadius));
    }

    // The reflex proposals the fast keeper waits to commit (its own, and those its last tick answer named): their counters
    // go with every tick, so the keeper decides them without calling back. In memory: a new activation learns them anew.
    private Dictionary<string, (string ExpertId, EquatableArray<float> Centroid, double Radius)> _waitingReflexes = new(StringComparer.Ordinal);

    private void WaitForReflexes(ImmutableArray<KernelProposal> waiting) =>
        _waitingReflexes = waiting.IsDefault
            ? new(StringComparer.Ordinal)
            : waiting.ToDictionary(p => p.Id, p => (p.Subject, p.Evidence.Centroid, p.Evidence.Radius), StringComparer.Ordinal);

    /// <summary>The counters of the waiting reflexes whose experts are on the roster (the keeper rejects the others on the roster alone).</summary>
    private ImmutableArray<ReflexReading> WaitingReflexReadings() =>
        ReadingsOf(_waitingReflexes.Select(w => (w.Key, w.Value.ExpertId, w.Value.Centroid, w.Value.Radius)));

    public Task<RouterKernelReading> ReadForKeepers(ImmutableArray<KernelProposal> reflexProposals)
    {
        RequireConfigured();
        var asked = reflexProposals.IsDefault ? [] : reflexProposals.Where(p => p?.Evidence is not null);
        var readings = ReadingsOf(asked.Select(p => (p.Id, p.Subject, p.Evidence.Centroid, p.Evidence.Radius)));
        return Task.FromResult(new RouterKernelReading(KeeperEvidence(readings), state.State.ScarSequence, state.State.ReflexSequence));
    }

    // Regions of experts off the roster, or that do not fit the router, get no counters: the keeper rejects them on the roster and width alone.
    private ImmutableArray<ReflexReading> ReadingsOf(IEnumerable<(string ProposalId, string ExpertId, EquatableArray<float> Centroid, double Radius)> regions)
    {
        var width = RequireConfigured().InputDimension;
        var readable = regions.Where(r => RouterRoster.SlotOf(state.State, r.ExpertId) >= 0 && ScarRegion.Fits(r.Centroid.AsSpan(), r.Radius, width)).ToList();
        if (readable.Count == 0) return [];
        // One health report for all of them: it is the costly part of a reading.
        var health = GetHealthReport();
        return [.. readable.Select(r => new ReflexReading(r.ProposalId, ReflexStatisticsOf(r.ExpertId, r.Centroid, r.Radius, health)))];
    }

    private ReflexStatistics ReflexStatisticsOf(string expertId, ImmutableArray<float> centroid, double radius, LayerHealthReport health)
    {
        var slot = RouterRoster.RequireSlot(state.State, expertId);
        var phiSlow = health.Experts.FirstOrDefault(e => e.Slot == slot)?.PhiLeaveOneOut.Slow ?? double.NaN;
        var feedback = state.State.Feedback.GetValueOrDefault(expertId) ?? new ExpertFeedbackRecord(0, 0);
        var overlapping = state.State.Scars.Count(s =>
            s.ExpertId == expertId && ScarRegion.Overlaps(s.Centroid.AsSpan(), s.Radius, centroid.AsSpan(), radius));
        return new ReflexStatistics(_topOne.StableTopOne(centroid.AsSpan(), radius, expertId), phiSlow, feedback.Count, feedback.Mean, overlapping);
    }

    /// <summary>The expert of the newest reflex whose region holds <paramref name="input"/> and that may answer it (among the predictions).</summary>
    private string? ReflexAt(ImmutableArray<float> input, IReadOnlyList<ExpertPrediction> predictions)
    {
        for (var i = state.State.Reflexes.Count - 1; i >= 0; i--)
        {
            var reflex = state.State.Reflexes[i];
            if (ScarRegion.Contains(reflex.Centroid.AsSpan(), reflex.Radius, input.AsSpan()) && predictions.Any(p => p.ExpertId == reflex.ExpertId))
                return reflex.ExpertId;
        }
        return null;
    }

    /// <summary>Records the gate call's top-1: the highest predicted success, ties to the lower expert id.</summary>
    private void RecordTopOne(ImmutableArray<float> input, IReadOnlyList<ExpertPrediction> predictions)
    {
        if (predictions.Count == 0) return;
        var top = predictions.OrderByDescending(p => p.SuccessMean).ThenBy(p => p.ExpertId, StringComparer.Ordinal).First();
        _topOne.Record(input.AsSpan(), top.ExpertId);
    }
}
