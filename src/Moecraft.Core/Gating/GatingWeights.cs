namespace Moecraft.Gating;

/// <summary>Seeded initial gating weights: <c>W ~ N(0, 1/d)</c> row-major <c>[E, d]</c>, and <c>b = 0</c>.</summary>
public static class GatingWeights
{
    public static float[] InitialWeights(int width, int inputDimension, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDimension, 1);

        var random = new Random(seed);
        var scale = 1.0 / Math.Sqrt(inputDimension);
        var weights = new float[width * inputDimension];
        for (var i = 0; i < weights.Length; i++)
        {
            // Box-Muller: System.Random has no Gaussian sampler, and this keeps the result identical across platforms.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            weights[i] = (float)(scale * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }
        return weights;
    }
}
