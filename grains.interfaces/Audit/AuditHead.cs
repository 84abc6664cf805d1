namespace Moecraft.Audit;

/// <summary>Where a log stands: <see cref="Size"/> entries, the last one hashing to <see cref="HeadHash"/>.</summary>
/// <param name="LogId">The log.</param>
/// <param name="Size">Entries so far; the next append has sequence Size + 1.</param>
/// <param name="HeadHash">Hash of the last entry (64 zeros for an empty log).</param>
[GenerateSerializer, Immutable, Alias("moecraft.AuditHead")]
public sealed record AuditHead([Id(0)] string LogId, [Id(1)] long Size, [Id(2)] string HeadHash)
{
    public long NextSequence => Size + 1;
}
