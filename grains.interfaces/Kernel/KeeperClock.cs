namespace Moecraft.Kernel;

/// <summary>The three clocks of a router (SPEC 5.1); each has one keeper. Persisted: never renumber.</summary>
[GenerateSerializer, Alias("moecraft.KeeperClock")]
public enum KeeperClock
{
    Fast = 0,
    Mid = 1,
    Slow = 2,
}
