namespace Moecraft.Governance;

/// <summary>A keeper's write budget (SPEC 5.2): up to <paramref name="Tokens"/> identity writes per <paramref name="RefillTicks"/> ticks.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.KeeperWriteBudget")]
public sealed record KeeperWriteBudget([Id(0)] int Tokens, [Id(1)] long RefillTicks);
