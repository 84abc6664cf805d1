using Moecraft.Experts;

namespace Moecraft.Kernel;

/// <summary>
/// Reads the evidence of a proposal for its keeper (SPEC 5.2) and asks <see cref="KernelEvidence"/> whether it holds. The
/// router's part always comes as sent: by the router with its tick or its own proposal, or by
/// <see cref="IKeeperOperatorGrain"/> for an operator's call, so a keeper never calls its router. The expert is read now. A
/// call that cannot get through refuses the write (<see cref="KernelUnavailableException"/>): unreachable is never taken as
/// "the evidence failed".
/// </summary>
/// <param name="unreachable">Told what could not be reached, before the refusal is thrown.</param>
internal sealed class KeeperEvidenceReader(IGrainFactory grains, string keeper, string routerId, Action<Exception, string> unreachable)
{
    /// <summary>Why the evidence of <paramref name="proposal"/> does not hold now, or null, and the router's epoch as sent.</summary>
    /// <param name="keeperState">The keeper's state: a compensation's evidence is its own log, and its epoch the keeper's.</param>
    /// <param name="sent">What the router sent with its call, or the operator's call read from it.</param>
    /// <exception cref="KernelUnavailableException">The expert could not be reached, or the evidence carried no counters for a reflex.</exception>
    public Task<(string? Failure, int RouterEpoch)> CheckAsync(KernelProposal proposal, KeeperState keeperState, RouterEvidence sent) => proposal.Kind switch
    {
        IdentityEventKind.Reflex => Task.FromResult(CheckReflex(proposal, sent)),
        IdentityEventKind.Compensation => Task.FromResult((KeeperBook.CompensationFailure(keeperState,
            proposal.Compensates ?? throw new InvalidOperationException("A compensation names the event it cancels.")), keeperState.Epoch)),
        _ => CheckScarAsync(proposal.Subject, proposal.Evidence, sent),
    };

    private (string?, int) CheckReflex(KernelProposal proposal, RouterEvidence sent)
    {
        var (expertId, reflex) = (proposal.Subject, proposal.Reflex ?? throw new InvalidOperationException("A reflex proposal carries its reflex evidence."));
        var router = sent.Router;
        if (KernelEvidence.AgainstRouter(router, expertId, reflex.Centroid, reflex.Radius) is { } failure) return (failure, router.Epoch);
        var statistics = KernelEvidence.ReadingFor(sent, proposal.Id)
            ?? throw new KernelUnavailableException(keeper, $"router '{routerId}''s counters for '{proposal.Id}'", "none were sent; the router's next tick sends them");
        return (KernelEvidence.AgainstStatistics(statistics, reflex), router.Epoch);
    }

    private async Task<(string?, int)> CheckScarAsync(string expertId, ScarEvidence evidence, RouterEvidence sent)
    {
        var router = sent.Router;
        if (KernelEvidence.AgainstRouter(router, expertId, evidence.Centroid, evidence.Radius) is { } failure) return (failure, router.Epoch);
        try
        {
            var expert = await KernelReach.ReachAsync(keeper, $"expert '{expertId}'", grains.GetGrain<IExpertGrain>(expertId).GetSnapshot, unreachable);
            return (KernelEvidence.AgainstExpert(expertId, expert.Status, expert.Counters.Failures, evidence), router.Epoch);
        }
        catch (InvalidOperationException e)
        {
            return ($"expert '{expertId}' cannot be read ({e.Message})", router.Epoch);
        }
    }
}
