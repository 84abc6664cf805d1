namespace Moecraft.Hosting.Configuration;

/// <summary>How the silo's ledger batches its writes ("Moecraft:Ledger").</summary>
public sealed class MoecraftLedgerOptions
{
    /// <summary>A batch is written once it holds this many entries...</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>...or once its first entry has waited this long.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Entries queued in memory before appends wait for room (back-pressure, never a dropped line).</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Throws <see cref="ArgumentException"/> for values the ledger cannot work with.</summary>
    public MoecraftLedgerOptions Validate()
    {
        if (BatchSize is < 1 or > 10_000) throw new ArgumentException($"Moecraft:Ledger:BatchSize must be 1 to 10000; got {BatchSize}.");
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromMinutes(1))
            throw new ArgumentException($"Moecraft:Ledger:FlushInterval must be above zero and at most a minute; got {FlushInterval}.");
        if (QueueCapacity < BatchSize) throw new ArgumentException($"Moecraft:Ledger:QueueCapacity must be at least the batch size; got {QueueCapacity}.");
        return this;
    }
}
