namespace Moecraft.Balancing;

/// <summary>The means of <see cref="DisagreementSample"/> over one step's sampled units (the flip as a rate).</summary>
public sealed record DisagreementSummary(int Samples, double JensenShannon, double Top1FlipRate, double TopKSetChange, double OverlapMass);
