using System.Collections.Immutable;

namespace Moecraft.Kernel;

/// <summary>A keeper's clock, budget, proposals, decisions and committed events.</summary>
/// <param name="Tick">The clock: the highest router step the keeper was ticked with.</param>
/// <param name="Epoch">The router epoch the keeper last entered; <paramref name="EpochStartTick"/> is the tick its clock re-based at.</param>
/// <param name="Tokens">Writes the budget allows now (fractional while refilling).</param>
[GenerateSerializer, Immutable, Alias("moecraft.KeeperSnapshot")]
public sealed record KeeperSnapshot(
    string RouterId,
    KeeperClock Clock,
    long Tick,
    double Tokens,
    int Capacity,
    long RefillTicks,
    long Dwell,
    ImmutableArray<KernelProposal> Proposals,
    ImmutableArray<CommitResult> Results,
    ImmutableArray<IdentityEvent> Events,
    int Epoch = 0,
    long EpochStartTick = 0);
