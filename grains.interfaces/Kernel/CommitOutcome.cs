namespace Moecraft.Kernel;

/// <summary>How a proposal was decided. Persisted: never renumber.</summary>
[GenerateSerializer, Alias("moecraft.CommitOutcome")]
public enum CommitOutcome
{
    /// <summary>The evidence held after the dwell: the event is on the keeper's log.</summary>
    Committed = 0,
    /// <summary>The evidence no longer held when re-checked: nothing was committed, for good.</summary>
    Rejected = 1,
}
