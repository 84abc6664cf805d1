using Moecraft.Balancing;
using Moecraft.Lifecycle;

namespace Moecraft.Coherence;

/// <summary>
/// A router layer's health: per-slot <see cref="ExpertHealth"/>; load metrics of the last step and on the slow
/// load-share clocks (the lifecycle uses the slow ones); the last step's <c>Psi</c> and <c>Psi_loo</c>; the free energy;
/// and the bias controls <c>r</c>, <c>s</c> and <c>m_fast</c>.
/// </summary>
public sealed record RouterLayerHealth(
    long Steps,
    ExpertHealth[] Experts,
    LoadMetrics LastStepLoad,
    LoadMetrics SlowLoad,
    double Psi,
    double PsiLeaveOneOut,
    FreeEnergyBreakdown FreeEnergy,
    double Relevance,
    double LogitScale,
    double FastOverlapMass);
