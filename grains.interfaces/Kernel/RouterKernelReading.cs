namespace Moecraft.Kernel;

/// <summary>
/// What an operator's call to a keeper carries, read from the router first (see <see cref="IKeeperOperatorGrain"/>): the
/// evidence the router would send with its own tick, and which of each keeper's events it holds.
/// </summary>
/// <param name="Evidence">The router now, with its counters for the reflex proposals asked about.</param>
/// <param name="ScarSequence">The newest slow-keeper event whose scars the router holds.</param>
/// <param name="ReflexSequence">The newest fast-keeper event whose reflexes the router holds.</param>
[GenerateSerializer, Immutable, Alias("moecraft.RouterKernelReading")]
public sealed record RouterKernelReading([Id(0)] RouterEvidence Evidence, [Id(1)] long ScarSequence, [Id(2)] long ReflexSequence)
{
    /// <summary>The sequence the router holds of <paramref name="clock"/>'s log (the mid keeper hands it nothing).</summary>
    public long HeldOf(KeeperClock clock) => clock switch
    {
        KeeperClock.Slow => ScarSequence,
        KeeperClock.Fast => ReflexSequence,
        _ => 0,
    };
}
