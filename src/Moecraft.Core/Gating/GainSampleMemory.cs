namespace Moecraft.Gating;

/// <summary>
/// A bounded memory of prompts whose outcomes are known: per sample the input vector and every recorded expert's score in
/// [0, 1]. When full, the oldest sample goes (a ring), so a learner built on it has fixed memory and follows experts that
/// change. Shared by the gain estimators that learn from the samples themselves rather than by online steps
/// (<see cref="NeighbourGainEstimator"/>, <see cref="BatchGainModel"/>).
/// </summary>
/// <remarks>Not thread-safe: one caller at a time (a grain turn).</remarks>
public sealed class GainSampleMemory
{
    private readonly float[][] _inputs;
    private readonly IReadOnlyDictionary<string, double>[] _scores;
    private int _next;

    /// <exception cref="ArgumentException">A non-positive dimension or capacity.</exception>
    public GainSampleMemory(int dimension, int capacity)
    {
        if (dimension < 1) throw new ArgumentException($"Dimension must be positive, got {dimension}.", nameof(dimension));
        if (capacity < 1) throw new ArgumentException($"Capacity must be positive, got {capacity}.", nameof(capacity));
        Dimension = dimension;
        Capacity = capacity;
        _inputs = new float[capacity][];
        _scores = new IReadOnlyDictionary<string, double>[capacity];
    }

    public int Dimension { get; }

    public int Capacity { get; }

    /// <summary>Samples held (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Samples ever added, including those that have since left.</summary>
    public long Added { get; private set; }

    /// <summary>The input of the sample in slot <paramref name="slot"/> (0 to <see cref="Count"/> - 1; slot order is not age order).</summary>
    public ReadOnlySpan<float> Input(int slot) => _inputs[CheckSlot(slot)];

    /// <summary>The recorded scores of the sample in slot <paramref name="slot"/>.</summary>
    public IReadOnlyDictionary<string, double> Scores(int slot) => _scores[CheckSlot(slot)];

    /// <summary>
    /// <c>score(to) - score(from)</c> of the sample in <paramref name="slot"/>, or null when it lacks either score.
    /// </summary>
    public double? Gain(int slot, string from, string to) =>
        Scores(slot).TryGetValue(from, out var a) && Scores(slot).TryGetValue(to, out var b) ? b - a : null;

    /// <summary>Stores a copy of the input and scores, replacing the oldest sample when full.</summary>
    /// <exception cref="ArgumentException">An input of the wrong width or with non-finite values, no scores, a blank expert id or a score outside [0, 1]; nothing changes.</exception>
    public void Add(ReadOnlySpan<float> input, IReadOnlyDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ValidateInput(input);
        if (scores.Count == 0) throw new ArgumentException("A sample needs at least one expert's score.", nameof(scores));
        foreach (var (expert, score) in scores)
        {
            if (string.IsNullOrWhiteSpace(expert)) throw new ArgumentException("An expert id is blank.", nameof(scores));
            if (!(score >= 0 && score <= 1)) throw new ArgumentException($"Scores must be in [0, 1], got {score} for '{expert}'.", nameof(scores));
        }
        _inputs[_next] = input.ToArray();
        _scores[_next] = new Dictionary<string, double>(scores, StringComparer.Ordinal);
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
        Added++;
    }

    /// <exception cref="ArgumentException">An input of the wrong width or with non-finite values.</exception>
    public void ValidateInput(ReadOnlySpan<float> input) => GainPairs.ValidateInput(input, Dimension, "this memory", nameof(input));

    private int CheckSlot(int slot) =>
        slot >= 0 && slot < Count ? slot : throw new ArgumentOutOfRangeException(nameof(slot), slot, $"The memory holds {Count} samples.");
}
