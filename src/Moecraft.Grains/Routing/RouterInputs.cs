using System.Collections.Immutable;
using Moecraft.Kernel;

namespace Moecraft.Routing;

/// <summary>What a router layer takes from its callers, checked before anything changes: inputs, batches and keepers' regions.</summary>
public static class RouterInputs
{
    /// <summary>Exactly <paramref name="length"/> finite values.</summary>
    public static void RequireFinite(ImmutableArray<float> values, int length, string name)
    {
        if (values.IsDefault || values.Length != length)
            throw new ArgumentException($"{name} has {(values.IsDefault ? 0 : values.Length)} values; the router takes {length}.", nameof(values));
        foreach (var value in values)
            if (!float.IsFinite(value)) throw new ArgumentException($"{name} contains a NaN or infinite value.", nameof(values));
    }

    /// <summary>A batch of T inputs of <paramref name="dimension"/> finite values each; returns T.</summary>
    public static int RequireBatch(ImmutableArray<float> inputs, int dimension)
    {
        if (inputs.IsDefaultOrEmpty || inputs.Length % dimension != 0)
            throw new ArgumentException($"A batch must hold T x {dimension} values, got {(inputs.IsDefault ? 0 : inputs.Length)}.", nameof(inputs));
        RequireFinite(inputs, inputs.Length, "Batch");
        return inputs.Length / dimension;
    }

    /// <summary>Checks regions pushed by a keeper (scars, reflexes): each names its expert and has a valid centroid and radius.</summary>
    public static void ValidateRegions(
        string what, IEnumerable<(string? ExpertId, ImmutableArray<float> Centroid, double Radius, long Sequence)> regions, int inputDimension, string parameter)
    {
        foreach (var (expertId, centroid, radius, sequence) in regions)
        {
            if (string.IsNullOrWhiteSpace(expertId)) throw new ArgumentException($"A {what} names its expert.", parameter);
            if (centroid.IsDefault) throw new ArgumentException($"{char.ToUpperInvariant(what[0])}{what[1..]} {sequence} has no centroid.", parameter);
            ScarRegion.Validate(centroid.AsSpan(), radius, inputDimension);
        }
    }
}
