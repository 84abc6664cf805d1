using Moecraft.Coherence;

namespace Moecraft.Tests.Coherence;

public sealed class LayerCoherenceTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Phi_and_phi_loo_on_tiny_vectors()
    {
        // E = 3, d = 2, n = [1, 0, 3].
        // Expert 0: S_y = (2, 0), S_mix = (2, 2) -> phi = cos 45 deg = 0.7071; S_loo = (0, 2) -> phi_loo = 0.
        // Expert 1: n = 0 -> no reading.
        // Expert 2: S_y = (0, 3), S_mix = (0, 1) -> phi = 1; S_loo = (-1, 1) -> phi_loo = 3 / (3 sqrt 2) = 0.7071.
        // Psi = (1 * 0.7071 + 3 * 1) / 4 = 0.9268; Psi_loo = (1 * 0 + 3 * 0.7071) / 4 = 0.5303.
        var reading = LayerCoherence.Measure(
            counts: [1, 0, 3],
            expertSums: [2, 0, 0, 0, 0, 3],
            mixtureSums: [2, 2, 0, 0, 0, 1],
            leaveOneOutSums: [0, 2, 0, 0, -1, 1],
            dimension: 2);

        var half = Math.Sqrt(0.5);
        Assert.Equal(half, reading.Phi[0], Tolerance);
        Assert.Equal(0.0, reading.PhiLeaveOneOut[0], Tolerance);
        Assert.True(double.IsNaN(reading.Phi[1]) && double.IsNaN(reading.PhiLeaveOneOut[1]));
        Assert.Equal(1.0, reading.Phi[2], Tolerance);
        Assert.Equal(half, reading.PhiLeaveOneOut[2], Tolerance);
        Assert.Equal((half + 3) / 4, reading.Psi, Tolerance);
        Assert.Equal(3 * half / 4, reading.PsiLeaveOneOut, Tolerance);
    }

    [Fact]
    public void Sums_and_means_give_the_same_angle()
    {
        // cos(S_y / n, S_mix / n) = cos(S_y, S_mix): dividing both by n = 4 changes nothing.
        var fromSums = LayerCoherence.Measure([4], [4, 8], [8, 4], [4, 0], 2);
        var fromMeans = LayerCoherence.Measure([4], [1, 2], [2, 1], [1, 0], 2);

        Assert.Equal(0.8, fromSums.Phi[0], Tolerance);                       // (8 + 32) / (sqrt 80 sqrt 80)
        Assert.Equal(fromMeans.Phi[0], fromSums.Phi[0], Tolerance);
        Assert.Equal(1 / Math.Sqrt(5), fromSums.PhiLeaveOneOut[0], Tolerance); // 4 / (sqrt 80 * 4)
    }

    [Fact]
    public void A_zero_sum_gives_cosine_zero()
    {
        // With k = 1 the leave-one-out output y - g y is exactly zero: phi_loo = 0, not NaN.
        var reading = LayerCoherence.Measure([5], [1, 1], [1, 1], [0, 0], 2);

        Assert.Equal(1.0, reading.Phi[0], Tolerance);
        Assert.Equal(0.0, reading.PhiLeaveOneOut[0]);
    }

    [Fact]
    public void No_units_means_no_layer_reading()
    {
        var reading = LayerCoherence.Measure([0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], 2);

        Assert.True(double.IsNaN(reading.Psi));
        Assert.True(double.IsNaN(reading.PsiLeaveOneOut));
    }

    [Fact]
    public void Bad_input_is_a_clear_error()
    {
        var wrongLength = Assert.Throws<ArgumentException>(() => LayerCoherence.Measure([1, 1], [1, 0, 0], [1, 0, 0, 1], [1, 0, 0, 1], 2));
        Assert.Contains("expertSums", wrongLength.Message);
        Assert.Throws<ArgumentException>(() => LayerCoherence.Measure([-1], [1, 0], [1, 0], [1, 0], 2));
        Assert.Throws<ArgumentException>(() => LayerCoherence.Measure([1], [double.NaN, 0], [1, 0], [1, 0], 2));
        Assert.Throws<ArgumentException>(() => LayerCoherence.Measure([1], [1, 0], [double.PositiveInfinity, 0], [1, 0], 2));
    }
}
