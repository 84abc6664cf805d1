using Moecraft.Coherence;

namespace Moecraft.Lifecycle;

/// <summary>
/// Per expert, two centroids of the inputs routed to it: online 2-means by cosine (SPEC 3.5). Each sampled input
/// <c>x_hat = x / |x|</c> goes to the centroid with the larger <c>cos(x, c_j)</c> (ties to the first), which moves by one
/// EMA step <c>c_j &lt;- c_j + alpha (x_hat - c_j)</c> (alpha of the mid clock, one step per sample); the counts are decayed
/// counts <c>n_j &lt;- (1 - alpha) n_j + [j won]</c>. The first sample seeds <c>c1</c>; the first later sample pointing
/// elsewhere seeds <c>c2</c>.
/// Bimodality <c>B = S * b</c>, separation <c>S = (1 - cos(c1, c2)) / 2</c>, balance <c>b = 4 n1 n2 / (n1 + n2)^2</c>;
/// <c>B = 0</c> until both centroids exist. A count of 0 means "centroid not seeded yet".
/// Rows are by slot: <see cref="First"/> and <see cref="Second"/> hold <c>E * Dimension</c> values.
/// </summary>
public sealed class CosineTwoMeans
{
    // Inputs this close to the first centroid's direction are not "distinct" and cannot seed the second.
    private const double SameDirection = 1 - 1e-9;

    public int Dimension { get; set; }

    public double[] First { get; set; } = [];

    public double[] Second { get; set; } = [];

    public double[] FirstCounts { get; set; } = [];

    public double[] SecondCounts { get; set; } = [];

    public static CosineTwoMeans Create(int slots, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        return new CosineTwoMeans
        {
            Dimension = dimension,
            First = new double[slots * dimension],
            Second = new double[slots * dimension],
            FirstCounts = new double[slots],
            SecondCounts = new double[slots],
        };
    }

    /// <summary>Assigns one input of expert <paramref name="slot"/>; a zero input has no direction and is skipped.</summary>
    /// <exception cref="ArgumentException">Wrong input length, a non-finite value, or alpha outside (0, 1].</exception>
    public void Observe(int slot, ReadOnlySpan<double> input, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, FirstCounts.Length);
        if (input.Length != Dimension) throw new ArgumentException($"Input has {input.Length} values, expected {Dimension}.", nameof(input));
        if (!(alpha > 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in (0, 1].");

        var norm = 0.0;
        foreach (var v in input)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"Input contains a non-finite value ({v}).", nameof(input));
            norm += v * v;
        }
        if (norm == 0) return;
        norm = Math.Sqrt(norm);

        var first = First.AsSpan(slot * Dimension, Dimension);
        var second = Second.AsSpan(slot * Dimension, Dimension);
        if (FirstCounts[slot] == 0)
        {
            Seed(first, input, norm);
            FirstCounts[slot] = 1;
            return;
        }

        var toFirst = Cosine.Of(input, first);
        if (SecondCounts[slot] == 0)
        {
            if (toFirst < SameDirection)
            {
                Seed(second, input, norm);
                FirstCounts[slot] *= 1 - alpha;
                SecondCounts[slot] = 1;
                return;
            }
        }
        else if (Cosine.Of(input, second) > toFirst)
        {
            MoveTowards(second, input, norm, alpha);
            FirstCounts[slot] *= 1 - alpha;
            SecondCounts[slot] = (1 - alpha) * SecondCounts[slot] + 1;
            return;
        }

        MoveTowards(first, input, norm, alpha);
        FirstCounts[slot] = (1 - alpha) * FirstCounts[slot] + 1;
        SecondCounts[slot] *= 1 - alpha;
    }

    /// <summary><c>S = (1 - cos(c1, c2)) / 2</c>, 0 until both centroids exist.</summary>
    public double Separation(int slot) =>
        FirstCounts[slot] == 0 || SecondCounts[slot] == 0
            ? 0
            : (1 - Cosine.Of(First.AsSpan(slot * Dimension, Dimension), Second.AsSpan(slot * Dimension, Dimension))) / 2;

    /// <summary><c>b = 4 n1 n2 / (n1 + n2)^2</c>: 1 for an even split, 0 when one side is empty.</summary>
    public double Balance(int slot)
    {
        var (n1, n2) = (FirstCounts[slot], SecondCounts[slot]);
        return n1 + n2 == 0 ? 0 : 4 * n1 * n2 / ((n1 + n2) * (n1 + n2));
    }

    /// <summary><c>B_e = S * b</c>.</summary>
    public double Bimodality(int slot) => Separation(slot) * Balance(slot);

    public void Reset(int slot)
    {
        First.AsSpan(slot * Dimension, Dimension).Clear();
        Second.AsSpan(slot * Dimension, Dimension).Clear();
        FirstCounts[slot] = 0;
        SecondCounts[slot] = 0;
    }

    public CosineTwoMeans Clone() => new()
    {
        Dimension = Dimension,
        First = (double[])First.Clone(),
        Second = (double[])Second.Clone(),
        FirstCounts = (double[])FirstCounts.Clone(),
        SecondCounts = (double[])SecondCounts.Clone(),
    };

    internal void ValidateShape(int slots, int dimension)
    {
        if (Dimension != dimension || First is null || Second is null || FirstCounts is null || SecondCounts is null
            || First.Length != slots * dimension || Second.Length != slots * dimension
            || FirstCounts.Length != slots || SecondCounts.Length != slots)
            throw new ArgumentException($"Centroids must hold {slots} x {dimension} values per centroid and {slots} counts each.");
        if (First.Concat(Second).Concat(FirstCounts).Concat(SecondCounts).Any(v => !double.IsFinite(v)))
            throw new ArgumentException("Centroids hold a non-finite value.");
        if (FirstCounts.Concat(SecondCounts).Any(v => v < 0))
            throw new ArgumentException("Centroid counts cannot be negative.");
    }

    private static void Seed(Span<double> centroid, ReadOnlySpan<double> input, double norm)
    {
        for (var i = 0; i < centroid.Length; i++) centroid[i] = input[i] / norm;
    }

    private static void MoveTowards(Span<double> centroid, ReadOnlySpan<double> input, double norm, double alpha)
    {
        for (var i = 0; i < centroid.Length; i++) centroid[i] += alpha * (input[i] / norm - centroid[i]);
    }
}
