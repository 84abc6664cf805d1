using BenchmarkDotNet.Attributes;
using Moecraft.Gating;
using Moecraft.Torch;

namespace Moecraft.Benchmarks;

/// <summary>
/// The routing step without Orleans: TorchSharp logits <c>z = W x + b</c> for d = 512 and top-2 selection,
/// for one vector and for a batch of 64 through the batch overload, at several router widths.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class that derives from it.</remarks>
[MemoryDiagnoser]
public class RoutingStepBenchmarks
{
    private const int InputDimension = 512;
    private const int TopK = 2;
    private const double Temperature = 1.0;
    private const int BatchSize = 64;
    private const int Seed = 42;

    private GatingKernel? _kernel;
    private float[] _vector = [];
    private float[] _batch = [];

    [Params(8, 64, 256)]
    public int Experts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var weights = GatingWeights.InitialWeights(Experts, InputDimension, Seed);
        var bias = new float[Experts];
        var active = Enumerable.Repeat(true, Experts).ToArray();
        _kernel = new GatingKernel(weights, bias, active, Experts, InputDimension);

        // Unit-length inputs like the hashing embedder's, from a fixed seed so every run routes the same vectors.
        var random = new Random(Seed + 1);
        _vector = UnitVector(random);
        _batch = [.. Enumerable.Range(0, BatchSize).SelectMany(_ => UnitVector(random))];
    }

    [GlobalCleanup]
    public void Cleanup() => _kernel?.Dispose();

    [Benchmark(Description = "one vector: logits + top-2")]
    public GateSelection SingleVector()
    {
        var logits = _kernel!.Logits(_vector);
        return TopKGate.Select(logits, TopK, Temperature);
    }

    [Benchmark(Description = "batch of 64: logits + top-2 per row")]
    public int Batch64()
    {
        var logits = _kernel!.Logits(_batch, BatchSize);
        var checksum = 0;
        for (var row = 0; row < BatchSize; row++)
            checksum += TopKGate.Select(logits.AsSpan(row * Experts, Experts), TopK, Temperature).Slots[0];
        return checksum;
    }

    private static float[] UnitVector(Random random)
    {
        var vector = new float[InputDimension];
        var norm = 0.0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        var inverse = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++) vector[i] *= inverse;
        return vector;
    }
}
