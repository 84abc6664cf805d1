namespace Moecraft.Gating;

/// <summary>
/// What every gain estimate shares (<see cref="GainPredictor"/>, <see cref="BatchGainModel"/>, <see cref="NeighbourGainEstimator"/>):
/// a pair is two distinct, non-blank experts kept in ordinal order, its soft target over "first better / tie / second
/// better", its input's checks, and every pair's gain collected once.
/// </summary>
internal static class GainPairs
{
    /// <summary>The outcomes a pair's softmax ranges over: first better, tie, second better.</summary>
    public const int Outcomes = 3;

    /// <exception cref="ArgumentException">A blank id or the same expert twice.</exception>
    public static void Validate(string from, string to) => Oriented(from, to);

    /// <summary>The pair's key (ordinal order) and +1 when <paramref name="from"/> is its first expert, else -1.</summary>
    /// <exception cref="ArgumentException">A blank id or the same expert twice.</exception>
    public static ((string First, string Second) Key, int Sign) Oriented(string from, string to)
    {
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to)) throw new ArgumentException("A gain names two experts; an id is blank.", nameof(from));
        var order = string.CompareOrdinal(from, to);
        if (order == 0) throw new ArgumentException($"A gain needs two different experts, got '{from}' twice.", nameof(to));
        return order < 0 ? ((from, to), 1) : ((to, from), -1);
    }

    /// <summary>
    /// The soft target of a gain (second minus first, in [-1, 1]): the first better by its loss, the second by its gain,
    /// a tie by what is left.
    /// </summary>
    public static void Target(double gain, Span<double> target)
    {
        target[0] = Math.Max(-gain, 0);
        target[1] = 1 - Math.Abs(gain);
        target[2] = Math.Max(gain, 0);
    }

    /// <exception cref="ArgumentException">An input of the wrong width or with non-finite values; <paramref name="owner"/> names what takes it.</exception>
    public static void ValidateInput(ReadOnlySpan<float> input, int dimension, string owner, string parameter)
    {
        if (input.Length != dimension)
            throw new ArgumentException($"The input has {input.Length} values; {owner} takes {dimension}.", parameter);
        foreach (var v in input)
            if (!float.IsFinite(v)) throw new ArgumentException("The input contains a non-finite value.", parameter);
    }

    /// <summary>The gain of every pair among <paramref name="experts"/> that <paramref name="predict"/> speaks for.</summary>
    /// <exception cref="ArgumentException">A repeated expert.</exception>
    public static PredictedGains Collect(IReadOnlyList<string> experts, Func<string, string, double?> predict)
    {
        ArgumentNullException.ThrowIfNull(experts);
        if (experts.Distinct(StringComparer.Ordinal).Count() != experts.Count) throw new ArgumentException("An expert is named twice.", nameof(experts));
        var gains = new List<(string, string, double)>();
        for (var i = 0; i < experts.Count; i++)
            for (var j = i + 1; j < experts.Count; j++)
                if (predict(experts[i], experts[j]) is { } gain) gains.Add((experts[i], experts[j], gain));
        return gains.Count == 0 ? PredictedGains.None : new PredictedGains(gains);
    }
}
