namespace Moecraft.Governance;

/// <summary>
/// One per silo (key: the silo's address), placed on that silo: the governance grain pushes every change through it
/// into the silo's in-memory governance cache. Cluster-internal.
/// </summary>
[Alias("moecraft.IGovernanceCacheGrain")]
public interface IGovernanceCacheGrain : IGrainWithStringKey
{
    [Alias("Apply")]
    Task Apply(GovernanceSnapshot snapshot);
}
