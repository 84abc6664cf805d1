namespace Moecraft.Governance;

/// <summary>Write budgets of the three keepers of every router (SPEC 5.2). Policy data for the keepers to come.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.KeeperWriteBudgets")]
public sealed record KeeperWriteBudgets([Id(0)] KeeperWriteBudget Fast, [Id(1)] KeeperWriteBudget Mid, [Id(2)] KeeperWriteBudget Slow)
{
    /// <summary>SPEC 5.2: fast 10 per 100 ticks, mid 3 per 1,000, slow 1 per 10,000.</summary>
    public static KeeperWriteBudgets Default { get; } = new(new(10, 100), new(3, 1_000), new(1, 10_000));
}
