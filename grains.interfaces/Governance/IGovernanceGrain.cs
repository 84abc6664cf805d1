using System.Collections.Immutable;

namespace Moecraft.Governance;

/// <summary>
/// Policies and the kill switch (SPEC 7; key: governance id, <see cref="GovernanceIds.Cluster"/> unless a router names
/// another). Every change is persisted, then pushed to every active silo before the call returns, so once a call is
/// acknowledged every silo's request path obeys it.
/// </summary>
[Alias("moecraft.IGovernanceGrain")]
public interface IGovernanceGrain : IGrainWithStringKey
{
    /// <summary>The current policy and halt flag.</summary>
    [Alias("GetSnapshot")]
    Task<GovernanceSnapshot> GetSnapshot();

    [Alias("GetPolicy")]
    Task<PolicyVersion> GetPolicy();

    /// <exception cref="ArgumentException">No such version.</exception>
    [Alias("GetPolicyVersion")]
    Task<PolicyVersion> GetPolicyVersion(long version);

    /// <summary>Every version, oldest first; version 0 is the built-in default.</summary>
    [Alias("GetPolicyHistory")]
    Task<ImmutableArray<PolicyVersion>> GetPolicyHistory();

    /// <summary>
    /// Makes <paramref name="policy"/> the next version. With <paramref name="expectedVersion"/> the change happens only
    /// when the current version is that one (read, modify, write without losing another operator's change).
    /// </summary>
    /// <exception cref="ArgumentException">Invalid policy or actor; nothing changed.</exception>
    /// <exception cref="InvalidOperationException">The current version is not <paramref name="expectedVersion"/>.</exception>
    [Alias("SetPolicy")]
    Task<PolicyVersion> SetPolicy(GovernancePolicy policy, string actor, long? expectedVersion = null);

    /// <summary>Turns the kill switch on. Returns once every active silo refuses new work. Halting again keeps the first halt.</summary>
    /// <exception cref="ArgumentException">Empty actor or reason.</exception>
    [Alias("Halt")]
    Task<HaltState> Halt(string actor, string reason);

    /// <summary>Turns the kill switch off; work may start again on every silo once it returns. Harmless when not halted.</summary>
    [Alias("Resume")]
    Task<HaltState> Resume(string actor);

    /// <summary>Policy changes, halts and resumes, oldest first.</summary>
    [Alias("GetEvents")]
    Task<ImmutableArray<GovernanceEvent>> GetEvents();
}
