namespace Moecraft.Kernel;

/// <summary>
/// The kernel's sentinel for scars (SPEC 5.3, "an expert that failed hard in a region is masked there"): the recent failed
/// inputs per expert, and when enough of them lie close together, the region they span as scar evidence. Bounded and in
/// memory: a restart forgets partial evidence, which only delays a scar. Not thread-safe: one grain owns it.
/// </summary>
public sealed class FailureRegions(int threshold = FailureRegions.DefaultThreshold, double maxRadius = FailureRegions.DefaultMaxRadius)
{
    /// <summary>Failures in one region before a scar is proposed.</summary>
    public const int DefaultThreshold = 3;

    /// <summary>The widest region (cosine distance) the sentinel proposes: failures farther apart are not one region.</summary>
    public const double DefaultMaxRadius = 0.15;

    /// <summary>The narrowest region proposed, so repeats of the same prompt still cover its close paraphrases.</summary>
    public const double MinRadius = 0.05;

    /// <summary>Failed inputs kept per expert.</summary>
    public const int Capacity = 32;

    private readonly Dictionary<string, List<float[]>> _failures = new(StringComparer.Ordinal);

    /// <summary>
    /// Records a failed input of <paramref name="expertId"/>. Returns the scar evidence (centroid, radius, failures) when at
    /// least the threshold of its recent failures lie within the maximum radius of their mean direction, and forgets them.
    /// </summary>
    public ScarCandidate? Record(string expertId, ReadOnlySpan<float> input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expertId);
        if (!_failures.TryGetValue(expertId, out var inputs)) _failures[expertId] = inputs = [];
        if (inputs.Count == Capacity) inputs.RemoveAt(0);
        inputs.Add(input.ToArray());

        // The cluster around the newest failure: the inputs near it, then their mean direction and spread.
        var newest = inputs[^1];
        var near = inputs.Where(i => ScarRegion.Contains(newest, maxRadius, i)).ToList();
        if (near.Count < threshold) return null;
        var centroid = MeanDirection(near);
        var spread = near.Max(i => ScarRegion.CosineDistance(centroid, i));
        if (spread > maxRadius) return null;

        inputs.RemoveAll(near.Contains);
        return new ScarCandidate(centroid, Math.Max(MinRadius, spread + 0.01), near.Count);
    }

    private static float[] MeanDirection(List<float[]> inputs)
    {
        var mean = new double[inputs[0].Length];
        foreach (var input in inputs)
        {
            var norm = Math.Sqrt(input.Sum(v => v * (double)v));
            if (norm == 0) continue;
            for (var i = 0; i < mean.Length; i++) mean[i] += input[i] / norm;
        }
        return [.. mean.Select(v => (float)(v / inputs.Count))];
    }
}

/// <summary>Scar evidence the sentinel found: the region's centroid and radius, and how many failures it holds.</summary>
public sealed record ScarCandidate(float[] Centroid, double Radius, int Failures);
