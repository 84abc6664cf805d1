namespace Moecraft.Coherence;

/// <summary>
/// One step's coherence (SPEC 3.2): per expert <see cref="Phi"/> and <see cref="PhiLeaveOneOut"/> (NaN where
/// <c>n_e = 0</c>: no reading, no clock update), and the count-weighted layer values <c>Psi</c> and <c>Psi_loo</c>
/// (NaN when no expert served a unit).
/// </summary>
public sealed record CoherenceReading(double[] Phi, double[] PhiLeaveOneOut, double Psi, double PsiLeaveOneOut);
