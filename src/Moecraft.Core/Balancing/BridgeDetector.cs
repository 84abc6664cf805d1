namespace Moecraft.Balancing;

/// <summary>
/// The bridge detector (SPEC 3.1): relevance <c>r = clamp((m_veto - m_fast) / (m_veto - m_free), 0, 1)</c>,
/// with <c>m_fast</c> the EMA(fast) of the overlap-only mass <c>m</c>, <c>m_free = 0.05</c>, <c>m_veto = 0.30</c>.
/// Below <c>m_free</c> the bias acts fully; at or above <c>m_veto</c> it is vetoed (<c>r = 0</c>): when the bias moves
/// that much routing mass it is overriding the router rather than nudging it.
/// </summary>
public sealed record BridgeDetector(double FreeMass = 0.05, double VetoMass = 0.30)
{
    /// <summary>The relevance for a given <c>m_fast</c>; NaN (no sampled disagreement yet) counts as no disagreement, so <c>r = 1</c>.</summary>
    public double Relevance(double fastMass)
    {
        Validate();
        if (double.IsNaN(fastMass)) return 1.0;
        if (fastMass < 0 || double.IsInfinity(fastMass))
            throw new ArgumentOutOfRangeException(nameof(fastMass), fastMass, "m_fast must be a finite number >= 0.");
        return Math.Clamp((VetoMass - fastMass) / (VetoMass - FreeMass), 0.0, 1.0);
    }

    /// <exception cref="ArgumentException">Masses outside [0, 1] or <c>m_free &gt;= m_veto</c>.</exception>
    public void Validate()
    {
        if (!(FreeMass >= 0 && FreeMass < VetoMass && VetoMass <= 1))
            throw new ArgumentException($"Bridge masses must satisfy 0 <= m_free < m_veto <= 1, got m_free = {FreeMass}, m_veto = {VetoMass}.");
    }
}
