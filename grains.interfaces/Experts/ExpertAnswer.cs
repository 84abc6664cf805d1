namespace Moecraft.Experts;

/// <summary>An expert's complete answer with its accounting.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertAnswer")]
public sealed record ExpertAnswer(
    string ExpertId,
    string Text,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    long LatencyMs,
    bool Simulated);
