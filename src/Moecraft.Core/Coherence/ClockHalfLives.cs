namespace Moecraft.Coherence;

/// <summary>
/// The three clocks' half-lives in steps (SPEC 3.3): fast <c>h = 10</c>, mid <c>h = 100</c>, slow <c>h = 1000</c>.
/// Each clock is an EMA with <c>alpha = 1 - 2^(-1/h)</c>.
/// </summary>
public sealed record ClockHalfLives(double Fast = 10, double Mid = 100, double Slow = 1000)
{
    public double FastAlpha => HalfLifeEma.Alpha(Fast);

    public double MidAlpha => HalfLifeEma.Alpha(Mid);

    public double SlowAlpha => HalfLifeEma.Alpha(Slow);

    /// <exception cref="ArgumentException">A half-life that is not positive and finite, or clocks out of order.</exception>
    public void Validate()
    {
        _ = FastAlpha;
        _ = MidAlpha;
        _ = SlowAlpha;
        if (!(Fast <= Mid && Mid <= Slow))
            throw new ArgumentException($"Clock half-lives must satisfy fast <= mid <= slow, got {Fast}, {Mid}, {Slow}.");
    }
}
