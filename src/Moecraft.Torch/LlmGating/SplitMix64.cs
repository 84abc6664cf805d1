namespace Moecraft.Torch.LlmGating;

/// <summary>
/// A tiny random generator whose whole state is one <see cref="ulong"/>, so it can be persisted and resumed
/// (System.Random's state cannot be exported). SplitMix64, Steele et al. 2014.
/// </summary>
internal sealed class SplitMix64(ulong state)
{
    public ulong State { get; private set; } = state;

    public ulong NextUInt64()
    {
        var z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal by Box-Muller (one draw per call keeps the stream simple to reason about).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Poisson(1) by Knuth's product of uniforms: the online-bootstrap weight of one example for one head.</summary>
    public int NextPoissonOne()
    {
        var limit = Math.Exp(-1.0);
        var k = 0;
        var product = NextDouble();
        while (product > limit)
        {
            k++;
            product *= NextDouble();
        }
        return k;
    }

    /// <summary>A seed for a sub-stream, so that e.g. an expert's prior depends only on the seed and the expert's ordinal.</summary>
    public static ulong Mix(ulong seed, ulong salt) => new SplitMix64(seed ^ (salt * 0xD1B54A32D192ED03UL)).NextUInt64();
}
