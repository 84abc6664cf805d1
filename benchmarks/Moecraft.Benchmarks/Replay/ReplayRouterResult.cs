using Moecraft.Experts.Replay;

namespace Moecraft.Benchmarks.Replay;

/// <summary>
/// A router's swept curve (of the first seed) and its summary figures: APGR and the premium share needed for 95% of the
/// best single expert, as the mean over the seeds (the share is null when no seed reached it), with their spreads; a
/// deterministic router has one run. <c>Note</c> explains a figure that needs it (an APGR above 1).
/// </summary>
internal sealed record ReplayRouterResult(
    string Name,
    string Setting,
    IReadOnlyList<ReplayCurvePoint> Points,
    double Apgr,
    double? PremiumShareAt95,
    Spread ApgrSpread,
    Spread? PremiumShareSpread,
    string? Note = null);
