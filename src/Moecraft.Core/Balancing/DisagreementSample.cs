namespace Moecraft.Balancing;

/// <summary>
/// How much the bias moved one sampled unit's routing (SPEC 3.1): Jensen-Shannon divergence (nats, at most ln 2),
/// whether the top-1 slot flipped, the top-k set change <c>1 - |S_clean &amp; S_biased| / k</c>, and the overlap-only
/// mass <c>m = sum_e max(0, p_biased_e - p_clean_e)</c> (the total-variation distance).
/// </summary>
public sealed record DisagreementSample(double JensenShannon, bool Top1Flipped, double TopKSetChange, double OverlapMass);
