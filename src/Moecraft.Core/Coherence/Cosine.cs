namespace Moecraft.Coherence;

/// <summary>
/// Cosine similarity <c>cos(a, b) = a . b / (|a| |b|)</c>.
/// A zero vector has no direction, so its cosine with anything is defined as 0 (neither agreeing nor disagreeing).
/// </summary>
public static class Cosine
{
    public static double Of(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"Vectors differ in length: {a.Length} and {b.Length}.", nameof(b));

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        if (normA == 0 || normB == 0) return 0;

        // Rounding can push |cos| a hair past one; clamp so callers can rely on [-1, 1].
        return Math.Clamp(dot / (Math.Sqrt(normA) * Math.Sqrt(normB)), -1.0, 1.0);
    }
}
