namespace Moecraft.Kernel;

/// <summary>
/// The gates a reflex ("always this", SPEC 5.3) must pass before the fast keeper commits it: a stable top-1 for
/// <see cref="StableSteps"/> gate calls in the region, the expert's slow <c>phi_loo</c> at least <see cref="MinPhiSlow"/>,
/// at least <see cref="MinFeedbackSamples"/> feedback scores averaging at least <see cref="MinFeedbackMean"/>, and no
/// overlapping scar. The fifth gate, the budget, is the keeper's token bucket.
/// </summary>
public static class ReflexGates
{
    /// <summary>N: consecutive gate calls inside the region whose top-1 was the expert.</summary>
    public const int StableSteps = 10;

    public const double MinPhiSlow = 0.7;

    public const long MinFeedbackSamples = 50;

    public const double MinFeedbackMean = 0.8;

    /// <summary>Gate 3 alone: the one a router can check without scanning its history, so it is checked first.</summary>
    public static bool FeedbackPasses(long feedbackSamples, double feedbackMean) =>
        feedbackSamples >= MinFeedbackSamples && feedbackMean >= MinFeedbackMean;

    /// <summary>Why each failing gate fails, in gate order; empty when gates 1-4 all pass.</summary>
    /// <param name="stableSteps">Consecutive most recent in-region gate calls whose top-1 was the expert.</param>
    /// <param name="phiSlow">The expert's slow <c>phi_loo</c>; NaN when the router has not measured it.</param>
    /// <param name="feedbackSamples">Feedback scores recorded for the expert.</param>
    /// <param name="feedbackMean">Their mean, in [0, 1].</param>
    /// <param name="overlappingScars">Committed scars whose region overlaps the reflex's.</param>
    public static IReadOnlyList<string> Failures(int stableSteps, double phiSlow, long feedbackSamples, double feedbackMean, int overlappingScars)
    {
        var failures = new List<string>();
        if (stableSteps < StableSteps)
            failures.Add($"gate 1: the expert was top-1 on {stableSteps} consecutive gate call(s) in the region, fewer than {StableSteps}");
        if (!(phiSlow >= MinPhiSlow))
            failures.Add(double.IsNaN(phiSlow)
                ? $"gate 2: the expert's slow phi_loo is not measured yet (needs >= {MinPhiSlow})"
                : $"gate 2: the expert's slow phi_loo is {phiSlow:0.###}, below {MinPhiSlow}");
        if (feedbackSamples < MinFeedbackSamples)
            failures.Add($"gate 3: {feedbackSamples} feedback sample(s), fewer than {MinFeedbackSamples}");
        else if (!FeedbackPasses(feedbackSamples, feedbackMean))
            failures.Add($"gate 3: feedback averages {feedbackMean:0.###}, below {MinFeedbackMean}");
        if (overlappingScars > 0)
            failures.Add($"gate 4: {overlappingScars} committed scar(s) of the expert overlap the region");
        return failures;
    }
}
