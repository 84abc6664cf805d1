namespace Moecraft.Audit;

/// <summary>An append named a sequence that is not the log's next one (a stale writer, or a second activation); nothing was appended.</summary>
[GenerateSerializer, Alias("moecraft.AuditSequenceException")]
public sealed class AuditSequenceException : Exception
{
    public AuditSequenceException(string logId, long expectedSequence, long nextSequence)
        : base($"Audit log '{logId}' is at seq {nextSequence - 1}, so the next append is seq {nextSequence}; this one expected seq {expectedSequence}. Nothing was appended.")
    {
        LogId = logId;
        ExpectedSequence = expectedSequence;
        NextSequence = nextSequence;
    }

    [Id(0)]
    public string LogId { get; }

    /// <summary>The sequence the caller expected to write.</summary>
    [Id(1)]
    public long ExpectedSequence { get; }

    /// <summary>The sequence the log would actually give the next entry.</summary>
    [Id(2)]
    public long NextSequence { get; }
}
