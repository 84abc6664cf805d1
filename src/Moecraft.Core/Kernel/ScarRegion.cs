namespace Moecraft.Kernel;

/// <summary>
/// A region of input space (SPEC 5.3): every vector within cosine distance <c>radius</c> (1 - cos) of a centroid.
/// Cosine, because prompt embeddings are compared by direction; a zero vector has no direction and lies in no region.
/// </summary>
public static class ScarRegion
{
    public const double MaxRadius = 2.0;

    /// <summary>Cosine distance 1 - cos(a, b), in [0, 2]; 2 (farthest) when either vector is zero.</summary>
    public static double CosineDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Vectors of {a.Length} and {b.Length} values cannot be compared.", nameof(b));
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            normA += a[i] * (double)a[i];
            normB += b[i] * (double)b[i];
        }
        if (normA == 0 || normB == 0) return MaxRadius;
        return Math.Clamp(1 - dot / Math.Sqrt(normA * normB), 0, MaxRadius);
    }

    /// <summary>Whether <paramref name="input"/> lies in the region; a vector of another dimension lies in none (a region from another embedding space).</summary>
    public static bool Contains(ReadOnlySpan<float> centroid, double radius, ReadOnlySpan<float> input) =>
        centroid.Length == input.Length && CosineDistance(centroid, input) <= radius;

    /// <summary>Two regions overlap when their centroids lie closer (cosine distance) than the sum of their radii; regions of different dimensions never do.</summary>
    public static bool Overlaps(ReadOnlySpan<float> centroidA, double radiusA, ReadOnlySpan<float> centroidB, double radiusB) =>
        centroidA.Length == centroidB.Length && CosineDistance(centroidA, centroidB) < radiusA + radiusB;

    /// <summary>Throws unless the region <see cref="Fits"/>.</summary>
    public static void Validate(ReadOnlySpan<float> centroid, double radius, int dimension)
    {
        if (Problem(centroid, radius, dimension) is { } problem) throw new ArgumentException(problem.Message, problem.Parameter);
    }

    /// <summary>Whether the centroid has <paramref name="dimension"/> finite values, not all zero, and the radius is in (0, 2].</summary>
    public static bool Fits(ReadOnlySpan<float> centroid, double radius, int dimension) => Problem(centroid, radius, dimension) is null;

    private static (string Message, string Parameter)? Problem(ReadOnlySpan<float> centroid, double radius, int dimension)
    {
        if (centroid.Length != dimension)
            return ($"A region's centroid needs {dimension} values (the router's input dimension), got {centroid.Length}.", nameof(centroid));
        var nonZero = false;
        foreach (var value in centroid)
        {
            if (!float.IsFinite(value)) return ("A region's centroid contains a NaN or infinite value.", nameof(centroid));
            nonZero |= value != 0;
        }
        if (!nonZero) return ("A region's centroid must not be the zero vector: it has no direction.", nameof(centroid));
        if (!(radius > 0 && radius <= MaxRadius)) return ($"A region's radius is a cosine distance in (0, 2], got {radius}.", nameof(radius));
        return null;
    }
}
