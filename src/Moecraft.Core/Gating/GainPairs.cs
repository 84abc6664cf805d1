namespace Moecraft.Gating;

/// <summary>The pair rules the memory-based gain estimates share: two distinct, non-blank experts, and every pair's gain collected once.</summary>
internal static class GainPairs
{
    /// <exception cref="ArgumentException">A blank id or the same expert twice.</exception>
    public static void Validate(string from, string to)
    {
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to)) throw new ArgumentException("A gain names two experts; an id is blank.", nameof(from));
        if (string.Equals(from, to, StringComparison.Ordinal)) throw new ArgumentException($"A gain needs two different experts, got '{from}' twice.", nameof(to));
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
