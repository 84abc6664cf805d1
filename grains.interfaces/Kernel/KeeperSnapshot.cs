using System.Collections.Immutable;

namespace Moecraft.Kernel;

/// <summary>A keeper's clock, budget, proposals, decisions and committed events.</summary>
/// <param name="Tick">The clock: the highest router step the keeper was ticked with.</param>
/// <param name="Epoch">The router epoch the keeper last entered; <paramref name="EpochStartTick"/> is the tick its clock re-based at.</param>
/// <param name="Tokens">Writes the budget allows now (fractional while refilling).</param>
[GenerateSerializer, Immutable, Alias("moecraft.KeeperSnapshot")]
public sealed record KeeperSnapshot(
    [Id(0)] string RouterId,
    [Id(1)] KeeperClock Clock,
    [Id(2)] long Tick,
    [Id(3)] double Tokens,
    [Id(4)] int Capacity,
    [Id(5)] long RefillTicks,
    [Id(6)] long Dwell,
    [Id(7)] ImmutableArray<KernelProposal> Proposals,
    [Id(8)] ImmutableArray<CommitResult> Results,
    [Id(9)] ImmutableArray<IdentityEvent> Events,
    [Id(10)] int Epoch = 0,
    [Id(11)] long EpochStartTick = 0);
