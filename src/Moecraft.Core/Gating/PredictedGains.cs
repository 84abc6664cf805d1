namespace Moecraft.Gating;

/// <summary>
/// The gain head's predictions for one request: per pair of experts, the expected score of one minus the other's. A pair
/// the head cannot speak for yet is absent, and <see cref="Of"/> returns null for it.
/// </summary>
public sealed class PredictedGains
{
    private readonly Dictionary<(string From, string To), double> _gains = [];
    private readonly List<(string From, string To, double Gain)> _pairs = [];

    /// <param name="gains">Per pair <c>E[score(To) - score(From)]</c>; the reverse direction gets its negation.</param>
    /// <exception cref="ArgumentException">The same expert twice, a pair given twice, or a gain outside [-1, 1].</exception>
    public PredictedGains(IEnumerable<(string From, string To, double Gain)> gains)
    {
        ArgumentNullException.ThrowIfNull(gains);
        foreach (var (from, to, gain) in gains)
        {
            if (from is null || to is null) throw new ArgumentException("A gain names two experts.", nameof(gains));
            if (from == to) throw new ArgumentException($"A gain needs two different experts, got '{from}' twice.", nameof(gains));
            if (!(gain >= -1 && gain <= 1)) throw new ArgumentException($"A gain must be in [-1, 1], got {gain}.", nameof(gains));
            if (!_gains.TryAdd((from, to), gain) || !_gains.TryAdd((to, from), -gain))
                throw new ArgumentException($"The pair '{from}', '{to}' is given twice.", nameof(gains));
            _pairs.Add((from, to, gain));
        }
    }

    /// <summary>No predictions: every pair falls back to the per-expert success difference.</summary>
    public static PredictedGains None { get; } = new([]);

    /// <summary>How many pairs have a prediction.</summary>
    public int Count => _pairs.Count;

    /// <summary>The pairs as given, each once (for carrying them elsewhere).</summary>
    public IReadOnlyList<(string From, string To, double Gain)> Pairs => _pairs;

    /// <summary>The predicted gain of moving from <paramref name="from"/> to <paramref name="to"/>, or null when the head has none.</summary>
    public double? Of(string from, string to) => _gains.TryGetValue((from, to), out var gain) ? gain : null;
}
