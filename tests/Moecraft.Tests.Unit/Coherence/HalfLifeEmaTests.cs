using Moecraft.Coherence;

namespace Moecraft.Tests.Coherence;

public sealed class HalfLifeEmaTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Alpha_of_half_life_one_is_one_half()
    {
        // alpha = 1 - 2^(-1/1) = 0.5.
        Assert.Equal(0.5, HalfLifeEma.Alpha(1), Tolerance);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public void After_h_steps_of_a_step_input_the_average_is_half_way(int halfLife)
    {
        // From 0, h samples of 1: v = 1 - (1 - alpha)^h = 1 - 2^(-1) = 0.5.
        var alpha = HalfLifeEma.Alpha(halfLife);
        var v = HalfLifeEma.Update(double.NaN, 0, alpha);
        for (var i = 0; i < halfLife; i++) v = HalfLifeEma.Update(v, 1, alpha);

        Assert.Equal(0.5, v, 1e-9);
    }

    [Fact]
    public void The_first_sample_initialises()
    {
        Assert.Equal(0.7, HalfLifeEma.Update(double.NaN, 0.7, HalfLifeEma.Alpha(1000)));
    }

    [Fact]
    public void One_update_moves_by_alpha_of_the_gap()
    {
        // h = 1: 0.2 + 0.5 (1.0 - 0.2) = 0.6.
        Assert.Equal(0.6, HalfLifeEma.Update(0.2, 1.0, HalfLifeEma.Alpha(1)), Tolerance);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Half_life_must_be_positive_and_finite(double halfLife) =>
        Assert.ThrowsAny<ArgumentException>(() => HalfLifeEma.Alpha(halfLife));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_non_finite_sample_is_rejected(double sample) =>
        Assert.Throws<ArgumentException>(() => HalfLifeEma.Update(0.5, sample, 0.1));

    [Fact]
    public void Three_clocks_move_at_their_own_speed()
    {
        // Start at 0, then 10 samples of 1: fast (h = 10) is half way, mid 1 - 2^(-10/100), slow 1 - 2^(-10/1000).
        var clocks = ThreeClocks.Create(2);
        var halfLives = new ClockHalfLives();
        clocks.Observe(1, 0, halfLives);
        for (var i = 0; i < 10; i++) clocks.Observe(1, 1, halfLives);

        var reading = clocks.Read(1);
        Assert.Equal(0.5, reading.Fast, 1e-9);
        Assert.Equal(1 - Math.Pow(2, -0.1), reading.Mid, 1e-9);
        Assert.Equal(1 - Math.Pow(2, -0.01), reading.Slow, 1e-9);
        Assert.True(double.IsNaN(clocks.Read(0).Fast), "an expert never observed has no reading");
    }

    [Fact]
    public void Clock_half_lives_must_be_ordered()
    {
        Assert.Throws<ArgumentException>(() => new ClockHalfLives(Fast: 100, Mid: 10, Slow: 1000).Validate());
        new ClockHalfLives(5, 50, 500).Validate();
    }
}
