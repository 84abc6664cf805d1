using Moecraft.Balancing;

namespace Moecraft.Coherence;

/// <summary>
/// What one observed step returns: <see cref="Bias"/> is the selection bias <c>b + beta</c> for the NEXT step (computed
/// from steps up to this one only), its load part <see cref="LoadBias"/> and coherence part <see cref="CoherenceBias"/>, with the relevance <c>r</c>, scale <c>s</c> and <c>m_fast</c> behind it, and this step's coherence,
/// load and sampled disagreement (null when no rows were sampled).
/// </summary>
public sealed record StepResult(
    long Step,
    double[] Bias,
    double Relevance,
    double LogitScale,
    double FastOverlapMass,
    CoherenceReading Coherence,
    LoadMetrics Load,
    DisagreementSummary? Disagreement)
{
    public double[] LoadBias { get; init; } = [];

    public double[] CoherenceBias { get; init; } = [];
}
