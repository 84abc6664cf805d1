using Moecraft.Balancing;

namespace Moecraft.Tests.Balancing;

public sealed class ScaleFreeBiasTests
{
    [Fact]
    public void Beta_is_r_times_k_times_s_and_zero_on_inactive_slots()
    {
        // r = 0.8, s = 2.5: beta = 2 k on active slots.
        var beta = ScaleFreeBias.Beta([0.1, -0.3, 0.5], relevance: 0.8, logitScale: 2.5, active: [true, true, false]);

        Assert.Equal(0.2, beta[0], 1e-12);
        Assert.Equal(-0.6, beta[1], 1e-12);
        Assert.Equal(0.0, beta[2]);
    }

    [Fact]
    public void Out_of_range_inputs_are_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => ScaleFreeBias.Beta([0.1], 1.5, 1.0, [true]));
        Assert.ThrowsAny<ArgumentException>(() => ScaleFreeBias.Beta([0.1], 0.5, -1.0, [true]));
        Assert.ThrowsAny<ArgumentException>(() => ScaleFreeBias.Beta([double.NaN], 0.5, 1.0, [true]));
        Assert.ThrowsAny<ArgumentException>(() => ScaleFreeBias.Beta([0.1, 0.2], 0.5, 1.0, [true]));
    }
}
