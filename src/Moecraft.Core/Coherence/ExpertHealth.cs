namespace Moecraft.Coherence;

/// <summary>
/// One slot's health: <c>phi</c> and <c>phi_loo</c> and load share on the three clocks, tokens seen, the bias coefficient
/// <c>k_e</c>, the selection bias <c>b_e + beta_e</c> and its parts (<see cref="LoadBias"/> <c>b_e</c>,
/// <see cref="CoherenceBias"/> <c>beta_e</c>), <c>delta_phi = phi_loo_fast - phi_loo_slow</c>, the degrading streak and flag, and
/// bimodality <c>B_e</c>.
/// </summary>
public sealed record ExpertHealth(
    int Slot,
    bool Active,
    ClockReading Phi,
    ClockReading PhiLeaveOneOut,
    ClockReading LoadShare,
    long TokensSeen,
    double BiasCoefficient,
    double Bias,
    double DeltaPhi,
    int DegradingStreak,
    bool Degrading,
    double Bimodality)
{
    public double LoadBias { get; init; }

    public double CoherenceBias { get; init; }
}
