using Moecraft.Governance;

namespace Moecraft.Client;

// Governance: the policy, its versions and the kill switch, each change recorded as who made it.
public sealed partial class MoecraftClient
{
    /// <summary>The current policy and kill-switch state.</summary>
    public Task<GovernanceSnapshot> GetGovernanceAsync(string governanceId = GovernanceIds.Cluster) =>
        Read(Governance(governanceId).GetSnapshot);

    /// <summary>Every policy version, oldest first (version 0 is the built-in default).</summary>
    public async Task<IReadOnlyList<PolicyVersion>> GetPolicyHistoryAsync(string governanceId = GovernanceIds.Cluster) =>
        await Read(Governance(governanceId).GetPolicyHistory);

    public Task<PolicyVersion> GetPolicyVersionAsync(long version, string governanceId = GovernanceIds.Cluster)
    {
        var governance = Governance(governanceId);
        return Read(() => governance.GetPolicyVersion(version));
    }

    /// <summary>Sets the next policy version; with <paramref name="expectedVersion"/> only if nobody changed it since.</summary>
    public Task<PolicyVersion> SetPolicyAsync(
        GovernancePolicy policy, string? actor = null, long? expectedVersion = null, string governanceId = GovernanceIds.Cluster) =>
        Governance(governanceId).SetPolicy(policy, actor ?? DefaultActor, expectedVersion);

    /// <summary>The kill switch: returns once every silo refuses new work with <see cref="ClusterHaltedException"/>.</summary>
    public Task<HaltState> HaltAsync(string reason, string? actor = null, string governanceId = GovernanceIds.Cluster) =>
        Governance(governanceId).Halt(actor ?? DefaultActor, reason);

    /// <summary>Lifts the kill switch; work may start again once it returns.</summary>
    public Task<HaltState> ResumeAsync(string? actor = null, string governanceId = GovernanceIds.Cluster) =>
        Governance(governanceId).Resume(actor ?? DefaultActor);

    /// <summary>Recorded policy changes, halts and resumes, oldest first.</summary>
    public async Task<IReadOnlyList<GovernanceEvent>> GetGovernanceEventsAsync(string governanceId = GovernanceIds.Cluster) =>
        await Read(Governance(governanceId).GetEvents);
}
