using Moecraft.Balancing;
using Moecraft.Routing;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// How much the selection bias moved routing on the sampled tokens (SPEC 3.1): top-1 flip rate, top-k set change,
/// Jensen-Shannon divergence and total variation between <c>p_clean</c> and <c>p_biased</c>. All 0 without a bias.
/// </summary>
internal sealed record DisagreementFigures(double Top1Flip, double TopKChange, double JensenShannon, double TotalVariation)
{
    public static DisagreementFigures Zero { get; } = new(0, 0, 0, 0);

    public static DisagreementFigures From(DisagreementSummary summary) =>
        new(summary.Top1FlipRate, summary.TopKSetChange, summary.JensenShannon, summary.OverlapMass);

    public static DisagreementFigures From(RoutingDisagreementReport report) =>
        new(report.Top1FlipRate, report.TopKSetChange, report.JensenShannon, report.OverlapMass);

    public static DisagreementFigures Mean(IReadOnlyCollection<DisagreementFigures> steps) =>
        steps.Count == 0
            ? Zero
            : new(steps.Average(s => s.Top1Flip), steps.Average(s => s.TopKChange), steps.Average(s => s.JensenShannon), steps.Average(s => s.TotalVariation));
}
