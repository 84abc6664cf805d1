using Moecraft.Coherence;

namespace Moecraft.Lifecycle;

/// <summary>
/// Role vectors and redundancy (SPEC 3.5): <c>r_e</c> = EMA(slow) of the normalised mean output <c>ybar_e / |ybar_e|</c>,
/// and <c>R = max_{i != j in A} max(0, (cos(r_i, r_j) - 0.8) / 0.2)</c>: 0 up to a cosine of 0.8, 1 for identical roles.
/// Role vectors are rows of a flat <c>E * d</c> array; an all-zero row means "no sample yet" (the first sample initialises).
/// </summary>
public static class RoleVectors
{
    public const double RedundancyFloor = 0.8;

    /// <summary>One EMA step of <paramref name="role"/> towards the direction of <paramref name="meanOutput"/>; a zero mean is skipped.</summary>
    public static void Observe(Span<double> role, ReadOnlySpan<double> meanOutput, double alpha)
    {
        if (role.Length != meanOutput.Length)
            throw new ArgumentException($"Role has {role.Length} values, the mean output {meanOutput.Length}.", nameof(meanOutput));
        if (!(alpha > 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in (0, 1].");

        var norm = 0.0;
        foreach (var v in meanOutput)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"Mean output contains a non-finite value ({v}).", nameof(meanOutput));
            norm += v * v;
        }
        if (norm == 0) return;
        norm = Math.Sqrt(norm);

        var initialise = !HasSample(role);
        for (var i = 0; i < role.Length; i++)
        {
            var unit = meanOutput[i] / norm;
            role[i] = initialise ? unit : role[i] + alpha * (unit - role[i]);
        }
    }

    public static bool HasSample(ReadOnlySpan<double> role)
    {
        foreach (var v in role)
        {
            if (v != 0) return true;
        }
        return false;
    }

    /// <summary><c>max(0, (cos(r_i, r_j) - 0.8) / 0.2)</c> for one pair.</summary>
    public static double PairRedundancy(double cosine) => Math.Max(0, (cosine - RedundancyFloor) / (1 - RedundancyFloor));

    /// <summary><c>R</c> over the active slots; 0 with fewer than two.</summary>
    public static double Redundancy(ReadOnlySpan<double> roles, int dimension, ReadOnlySpan<bool> active)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (roles.Length != active.Length * dimension)
            throw new ArgumentException($"Roles must hold {active.Length} x {dimension} values, got {roles.Length}.", nameof(roles));

        var redundancy = 0.0;
        for (var i = 0; i < active.Length; i++)
        {
            if (!active[i]) continue;
            for (var j = i + 1; j < active.Length; j++)
            {
                if (!active[j]) continue;
                var cosine = Cosine.Of(roles.Slice(i * dimension, dimension), roles.Slice(j * dimension, dimension));
                redundancy = Math.Max(redundancy, PairRedundancy(cosine));
            }
        }
        return redundancy;
    }
}
