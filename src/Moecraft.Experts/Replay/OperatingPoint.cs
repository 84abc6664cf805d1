namespace Moecraft.Experts.Replay;

/// <summary>One router setting measured on test items: mean cost per call, share of calls to the premium expert, mean quality.</summary>
public sealed record OperatingPoint(double Cost, double PremiumShare, double Quality);
