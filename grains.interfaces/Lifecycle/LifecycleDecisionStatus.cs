namespace Moecraft.Lifecycle;

/// <summary>What became of a lifecycle decision.</summary>
[GenerateSerializer, Alias("moecraft.LifecycleDecisionStatus")]
public enum LifecycleDecisionStatus
{
    /// <summary>No candidate beat "do nothing".</summary>
    NothingProposed = 0,
    /// <summary>An edit is proposed and waits for execution.</summary>
    Proposed = 1,
    /// <summary>The edit was executed and started a new epoch.</summary>
    Applied = 2,
    /// <summary>A later roster change made the proposal stale; it can no longer be applied.</summary>
    Superseded = 3,
}
