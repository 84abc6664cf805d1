namespace Moecraft.Routing;

/// <summary>How the answers of k &gt; 1 experts become one (SPEC 4.6). Persisted by value: never renumber a member.</summary>
[GenerateSerializer, Alias("moecraft.CoordinationKind")]
public enum CoordinationKind
{
    /// <summary>The answer that agrees most with the others (embedding cosine, gate-weighted).</summary>
    Consensus = 0,

    /// <summary>One answer drawn with probability proportional to its gate weight (seeded by the request id).</summary>
    WeightedPick = 1,

    /// <summary>The answer of the expert with the best predicted quality.</summary>
    BestPredicted = 2,
}
