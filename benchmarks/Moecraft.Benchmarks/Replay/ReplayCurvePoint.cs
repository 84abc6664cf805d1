namespace Moecraft.Benchmarks.Replay;

/// <summary>One swept setting of a router on the test items: the setting (quality target, premium probability or lambda), mean cost per call, mean quality and the share of calls per expert.</summary>
internal sealed record ReplayCurvePoint(double Setting, double Cost, double Quality, double PremiumShare, IReadOnlyDictionary<string, double> Shares);
