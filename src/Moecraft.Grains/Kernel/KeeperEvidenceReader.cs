using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Kernel;

/// <summary>
/// Reads the evidence of a proposal for its keeper (SPEC 5.2) and asks <see cref="KernelEvidence"/> whether
/// it holds. The router's part comes as the router sent it with its tick or its own proposal; only an operator's call, which
/// brings none, reads the router now. The expert is always read. A call that cannot get through refuses the write
/// (<see cref="KernelUnavailableException"/>): unreachable is never taken as "the evidence failed".
/// </summary>
/// <param name="unreachable">Told what could not be reached, before the refusal is thrown.</param>
internal sealed class KeeperEvidenceReader(IGrainFactory grains, string keeper, string routerId, Action<Exception, string> unreachable)
{
    private IRouterLayerGrain Router => grains.GetGrain<IRouterLayerGrain>(routerId);

    private string RouterName => $"router '{routerId}'";

    /// <summary>Why the evidence of <paramref name="proposal"/> does not hold now, or null, and the router's epoch as read with it.</summary>
    /// <param name="keeperState">The keeper's state: a compensation's evidence is its own log, and its epoch the keeper's.</param>
    /// <param name="sent">What the router sent with its call; null for an operator's call (the router is read now).</param>
    /// <exception cref="KernelUnavailableException">The router or the expert could not be reached, or the router's tick carried no counters for a reflex.</exception>
    public Task<(string? Failure, int RouterEpoch)> CheckAsync(KernelProposal proposal, KeeperState keeperState, RouterEvidence? sent) => proposal.Kind switch
    {
        IdentityEventKind.Reflex => CheckReflexAsync(proposal, sent),
        IdentityEventKind.Compensation => Task.FromResult((KeeperBook.CompensationFailure(keeperState,
            proposal.Compensates ?? throw new InvalidOperationException("A compensation names the event it cancels.")), keeperState.Epoch)),
        _ => CheckScarAsync(proposal.Subject, proposal.Evidence, sent),
    };

    private async Task<(string?, int)> CheckReflexAsync(KernelProposal proposal, RouterEvidence? sent)
    {
        var (expertId, reflex) = (proposal.Subject, proposal.Reflex ?? throw new InvalidOperationException("A reflex proposal carries its reflex evidence."));
        var router = await RouterAsync(sent);
        if (KernelEvidence.AgainstRouter(router, expertId, reflex.Centroid, reflex.Radius) is { } failure) return (failure, router.Epoch);
        var statistics = sent is null
            ? await ReachAsync(RouterName, () => Router.GetReflexStatistics(expertId, reflex.Centroid, reflex.Radius))
            : KernelEvidence.ReadingFor(sent, proposal.Id)
                ?? throw new KernelUnavailableException(keeper, $"{RouterName}'s counters for '{proposal.Id}'", "its tick carried none; its next tick does");
        return (KernelEvidence.AgainstStatistics(statistics, reflex), router.Epoch);
    }

    private async Task<(string?, int)> CheckScarAsync(string expertId, ScarEvidence evidence, RouterEvidence? sent)
    {
        var router = await RouterAsync(sent);
        if (KernelEvidence.AgainstRouter(router, expertId, evidence.Centroid, evidence.Radius) is { } failure) return (failure, router.Epoch);
        try
        {
            var expert = await ReachAsync($"expert '{expertId}'", grains.GetGrain<IExpertGrain>(expertId).GetSnapshot);
            return (KernelEvidence.AgainstExpert(expertId, expert.Status, expert.Counters.Failures, evidence), router.Epoch);
        }
        catch (InvalidOperationException e)
        {
            return ($"expert '{expertId}' cannot be read ({e.Message})", router.Epoch);
        }
    }

    private async Task<RouterSnapshot> RouterAsync(RouterEvidence? sent) => sent?.Router ?? await ReachAsync(RouterName, Router.GetSnapshot);

    private async Task<T> ReachAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (KernelReach.IsUnreachable(e))
        {
            unreachable(e, what);
            throw new KernelUnavailableException(keeper, what, e.Message);
        }
    }
}
