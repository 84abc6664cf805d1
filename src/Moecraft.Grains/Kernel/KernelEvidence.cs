using System.Collections.Immutable;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Kernel;

/// <summary>
/// Whether a proposal's evidence holds against what the router and the expert report now (SPEC 5.2, 5.3): each check
/// returns why it does not, or null when it does. The keeper reads the reports; these decide. Plain, so unit tests call
/// them directly (here, not in Moecraft.Core, because the reports are Orleans contracts).
/// </summary>
public static class KernelEvidence
{
    /// <summary>
    /// Why a region of <paramref name="expertId"/> does not hold on the router: measured with another embedder (another
    /// width; an evidence failure, not bad input, so a proposal made before a migration is rejected at commit instead of
    /// failing every tick), or the expert is not on the roster.
    /// </summary>
    /// <exception cref="ArgumentException">A region that is no region: a zero, non-finite or default centroid, or a radius outside (0, 2].</exception>
    public static string? AgainstRouter(RouterSnapshot router, string expertId, ImmutableArray<float> centroid, double radius)
    {
        ArgumentNullException.ThrowIfNull(router);
        var width = router.Configuration.InputDimension;
        if (!centroid.IsDefault && centroid.Length > 0 && centroid.Length != width)
            return $"the region was measured with {centroid.Length}-value embeddings and router '{router.RouterId}' now takes {width} (it moved to another embedder)";
        ScarRegion.Validate(centroid.AsSpan(), radius, width);
        return router.Slots.Any(s => s.ExpertId == expertId) ? null : $"expert '{expertId}' is not on router '{router.RouterId}''s roster";
    }

    /// <summary>
    /// Why scar evidence does not hold for the expert: it takes no work, or it recorded fewer failures than the evidence
    /// names (a counter below it means a different, re-created expert).
    /// </summary>
    public static string? AgainstExpert(string expertId, ExpertStatus status, long recordedFailures, ScarEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (!ExpertLifecycle.Answers(status)) return $"expert '{expertId}' is {status} and takes no work";
        return recordedFailures < evidence.Failures
            ? $"expert '{expertId}' has recorded {recordedFailures} failure(s), fewer than the {evidence.Failures} the evidence names"
            : null;
    }

    /// <summary>The router's counters for reflex proposal <paramref name="proposalId"/> as it sent them; null when it sent none.</summary>
    public static ReflexStatistics? ReadingFor(RouterEvidence sent, string proposalId)
    {
        ArgumentNullException.ThrowIfNull(sent);
        return sent.Reflexes.IsDefault ? null : sent.Reflexes.FirstOrDefault(r => r?.ProposalId == proposalId)?.Statistics;
    }

    /// <summary>Why a reflex does not hold on the router's counters: fewer than the evidence names, or a gate of <see cref="ReflexGates"/> that fails.</summary>
    public static string? AgainstStatistics(ReflexStatistics statistics, ReflexEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(evidence);
        var failures = new List<string>();
        if (statistics.StableSteps < evidence.StableSteps)
            failures.Add($"the router counts {statistics.StableSteps} stable top-1 step(s), fewer than the {evidence.StableSteps} the evidence names");
        if (statistics.FeedbackSamples < evidence.FeedbackSamples)
            failures.Add($"the router counts {statistics.FeedbackSamples} feedback sample(s), fewer than the {evidence.FeedbackSamples} the evidence names");
        failures.AddRange(ReflexGates.Failures(
            statistics.StableSteps, statistics.PhiSlow, statistics.FeedbackSamples, statistics.FeedbackMean, statistics.OverlappingScars));
        return failures.Count == 0 ? null : string.Join("; ", failures);
    }
}
