namespace Moecraft.Coherence;

/// <summary>
/// One quantity tracked per expert on the fast, mid and slow clocks (SPEC 3.3): three EMAs
/// <c>v &lt;- v + alpha_h (x - v)</c>, one array each, indexed by slot. NaN means "no sample yet".
/// Plain arrays so a grain can persist them as they are.
/// </summary>
public sealed class ThreeClocks
{
    public double[] Fast { get; set; } = [];

    public double[] Mid { get; set; } = [];

    public double[] Slow { get; set; } = [];

    /// <summary>Clocks for <paramref name="slots"/> experts, none of which has a sample yet.</summary>
    public static ThreeClocks Create(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        return new ThreeClocks
        {
            Fast = Enumerable.Repeat(double.NaN, slots).ToArray(),
            Mid = Enumerable.Repeat(double.NaN, slots).ToArray(),
            Slow = Enumerable.Repeat(double.NaN, slots).ToArray(),
        };
    }

    /// <summary>Feeds one sample of expert <paramref name="slot"/> to all three clocks.</summary>
    public void Observe(int slot, double sample, ClockHalfLives halfLives)
    {
        Fast[slot] = HalfLifeEma.Update(Fast[slot], sample, halfLives.FastAlpha);
        Mid[slot] = HalfLifeEma.Update(Mid[slot], sample, halfLives.MidAlpha);
        Slow[slot] = HalfLifeEma.Update(Slow[slot], sample, halfLives.SlowAlpha);
    }

    /// <summary>Forgets expert <paramref name="slot"/>'s history (a fresh expert in a reused slot).</summary>
    public void Reset(int slot)
    {
        Fast[slot] = double.NaN;
        Mid[slot] = double.NaN;
        Slow[slot] = double.NaN;
    }

    public ClockReading Read(int slot) => new(Fast[slot], Mid[slot], Slow[slot]);

    public ThreeClocks Clone() => new() { Fast = (double[])Fast.Clone(), Mid = (double[])Mid.Clone(), Slow = (double[])Slow.Clone() };

    internal void ValidateShape(int slots, string name)
    {
        if (Fast is null || Mid is null || Slow is null || Fast.Length != slots || Mid.Length != slots || Slow.Length != slots)
            throw new ArgumentException($"{name} clocks must hold {slots} values per clock.", name);
        foreach (var v in Fast.Concat(Mid).Concat(Slow))
        {
            if (double.IsInfinity(v)) throw new ArgumentException($"{name} clocks hold an infinite value.", name);
        }
    }
}
