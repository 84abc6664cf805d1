using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Routing;
using Orleans.Concurrency;

namespace Moecraft.Kernel;

/// <summary>
/// An operator's way to one keeper (see <see cref="IKeeperOperatorGrain"/>): reads the router's evidence, calls the keeper
/// with it, and hands the router what was committed. Stateless, so it holds neither the router's nor the keeper's turn
/// across the other's call.
/// </summary>
[StatelessWorker, GrainType("keeper-operator")]
public sealed partial class KeeperOperatorGrain(ILogger<KeeperOperatorGrain> logger) : Grain, IKeeperOperatorGrain
{
    private string Key => this.GetPrimaryKeyString();

    private IKeeperGrain Keeper => GrainFactory.GetGrain<IKeeperGrain>(Key);

    private (string RouterId, KeeperClock Clock) Parts => KeeperClocks.Parse(Key);

    private IRouterLayerGrain Router => GrainFactory.GetGrain<IRouterLayerGrain>(Parts.RouterId);

    public async Task<long> Tick(long routerStep)
    {
        if (routerStep < 0) throw new ArgumentException($"A router step is not negative, got {routerStep}.", nameof(routerStep));
        var reading = await ReadRouterAsync(await UndecidedReflexesAsync());
        var report = await Keeper.Tick(new KeeperTick(routerStep, reading.HeldOf(Parts.Clock), reading.Evidence));
        await HandOverAsync(report);
        return report.Tick;
    }

    public async Task<string> Propose(IdentityEventKind kind, string subject, ScarEvidence evidence, bool commitWhenDue = false) =>
        await Keeper.Propose(kind, subject, evidence, (await ReadRouterAsync([])).Evidence, commitWhenDue);

    public async Task<string> ProposeReflex(string expertId, ReflexEvidence evidence, bool commitWhenDue = false)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var region = new KernelProposal("", IdentityEventKind.Reflex, expertId, new ScarEvidence(evidence.Centroid, evidence.Radius, 0), 0, default, evidence);
        var reading = await ReadRouterAsync([region]);
        // No counters when the expert is off the roster or the region does not fit the router: the keeper rejects the
        // proposal on the router evidence before it looks at them.
        var statistics = KernelEvidence.ReadingFor(reading.Evidence, region.Id) ?? new ReflexStatistics(0, double.NaN, 0, 0, 0);
        return await Keeper.ProposeReflex(expertId, evidence, statistics, reading.Evidence with { Reflexes = [] }, commitWhenDue);
    }

    public async Task<CommitResult> Commit(string proposalId)
    {
        var reading = await ReadRouterAsync(await UndecidedReflexesAsync());
        var result = await Keeper.Commit(proposalId, reading.Evidence);
        // A tick that does not move the clock answers with what the router lacks now.
        if (result.Outcome == CommitOutcome.Committed) await HandOverAsync(await Keeper.Tick(new KeeperTick(0, reading.HeldOf(Parts.Clock), reading.Evidence)));
        return result;
    }

    public async Task<string> ProposeCompensation(long sequence, string reason) =>
        await Keeper.ProposeCompensation(sequence, reason, (await ReadRouterAsync([])).Evidence);

    public Task<KeeperSnapshot> GetSnapshot() => Keeper.GetSnapshot();

    public Task<ImmutableArray<RegionClaim>> GetScars() => Keeper.GetScars();

    /// <summary>The fast keeper's undecided reflex proposals, whose counters the router reads for the call (none for the others).</summary>
    private async Task<ImmutableArray<KernelProposal>> UndecidedReflexesAsync()
    {
        if (Parts.Clock != KeeperClock.Fast) return [];
        var snapshot = await Keeper.GetSnapshot();
        var decided = snapshot.Results.Select(r => r.ProposalId).ToHashSet(StringComparer.Ordinal);
        return [.. snapshot.Proposals.Where(p => p.Kind == IdentityEventKind.Reflex && !decided.Contains(p.Id))];
    }

    private Task<RouterKernelReading> ReadRouterAsync(ImmutableArray<KernelProposal> reflexProposals) =>
        KernelReach.ReachAsync(Key, $"router '{Parts.RouterId}'", () => Router.ReadForKeepers(reflexProposals), (e, what) => LogUnreachable(logger, e, Key, what));

    /// <summary>Hands the router what was committed; if it cannot take it now, the commit stands and its next tick's answer carries it (SPEC 5.2).</summary>
    private async Task HandOverAsync(KeeperTickReport report)
    {
        try
        {
            await ClaimsHandover.HandAsync(Router, Parts.Clock, report);
        }
        catch (Exception e)
        {
            LogHandOverFailed(logger, e, Key, Parts.RouterId);
        }
    }
}
