namespace Moecraft.Kernel;

/// <summary>A keeper's write budget is spent: the proposal was refused and nothing changed.</summary>
[GenerateSerializer, Alias("moecraft.KeeperBudgetExhaustedException")]
public sealed class KeeperBudgetExhaustedException : Exception
{
    public KeeperBudgetExhaustedException(string keeper, int capacity, long refillTicks, long ticksUntilToken)
        : base($"Keeper '{keeper}' has spent its write budget ({capacity} per {refillTicks} ticks); the next write is possible in {ticksUntilToken} tick(s). Nothing was proposed.")
    {
        Keeper = keeper;
        TicksUntilToken = ticksUntilToken;
    }

    [Id(0)] public string Keeper { get; }

    [Id(1)] public long TicksUntilToken { get; }
}
