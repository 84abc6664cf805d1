namespace Moecraft.Audit;

/// <summary>How audit logs behave on this silo.</summary>
/// <param name="CheckpointEvery">A signed checkpoint is written after every this many entries (entry seq divisible by it).</param>
public sealed record AuditLogSettings(int CheckpointEvery = 100)
{
    /// <summary>Throws <see cref="ArgumentException"/> for values the log cannot work with.</summary>
    public AuditLogSettings Validate()
    {
        if (CheckpointEvery is < 1 or > 1_000_000) throw new ArgumentException($"Moecraft:Audit:CheckpointEvery must be 1 to 1000000; got {CheckpointEvery}.");
        return this;
    }
}
