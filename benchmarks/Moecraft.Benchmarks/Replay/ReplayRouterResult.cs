namespace Moecraft.Benchmarks.Replay;

/// <summary>A router's swept curve and its summary figures; the share is null when 95% of the best single expert is never reached.</summary>
internal sealed record ReplayRouterResult(string Name, string Setting, IReadOnlyList<ReplayCurvePoint> Points, double Apgr, double? PremiumShareAt95);
