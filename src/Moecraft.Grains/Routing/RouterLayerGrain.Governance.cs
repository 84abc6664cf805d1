using Moecraft.Experts;
using Moecraft.Governance;

namespace Moecraft.Routing;

/// <summary>What the router's governance decides for it (SPEC 5.4): the halt, the policy version its epoch runs under, who may join.</summary>
public sealed partial class RouterLayerGrain
{
    /// <summary>The governance snapshot this router obeys (from the silo's cache); throws when the cluster is halted.</summary>
    private async Task<GovernanceSnapshot> RequireRunningAsync()
    {
        var snapshot = await governance.GetAsync(GovernanceId);
        ClusterHaltedException.ThrowIfHalted(snapshot);
        await FollowPolicyAsync(snapshot.Policy.Version);
        return snapshot;
    }

    /// <summary>A new governance policy version is an epoch boundary (SPEC 5.3); the first version a router reads just starts its record.</summary>
    private async Task FollowPolicyAsync(long version)
    {
        if (state.State.EpochPolicyVersion == version || state.State.Configuration is null) return;
        if (RouterEpochs.PolicyChange(state.State.EpochPolicyVersion, version) is not { } reason)
        {
            // The first version read only starts the record: kept in memory and stored with the next write, as statistics are.
            state.State.EpochPolicyVersion = version;
            return;
        }
        var next = state.State.Copy();
        next.EpochPolicyVersion = version;
        await CommitEpochAsync(next, reason);
    }

    /// <summary>A new expert must fit the policy's roster size and, when backends are restricted, use an allowed one.</summary>
    private async Task RequireAllowedAsync(string expertId)
    {
        var policy = (await governance.GetAsync(GovernanceId)).Policy;
        RosterAdmission.RequireRoom(state.State, policy, RouterId, GovernanceId);
        if (!RosterAdmission.RestrictsBackends(policy)) return;
        ExpertSnapshot expert;
        try
        {
            expert = await GrainFactory.GetGrain<IExpertGrain>(expertId).GetSnapshot();
        }
        catch (InvalidOperationException e)
        {
            throw RosterAdmission.Unregistered(expertId, RouterId, GovernanceId, e);
        }
        RosterAdmission.RequireBackend(policy, expertId, expert.Definition.Backend, GovernanceId);
    }
}
