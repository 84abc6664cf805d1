namespace Moecraft.Hosting.Configuration;

/// <summary>How the silo's ledger groups its commits ("Moecraft:Ledger").</summary>
public sealed class MoecraftLedgerOptions
{
    /// <summary>The most settlements one transaction writes; more waiting go into the next.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Settlements queued in memory before commits wait for room (back-pressure, never a dropped line).</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Throws <see cref="ArgumentException"/> for values the ledger cannot work with.</summary>
    public MoecraftLedgerOptions Validate()
    {
        if (BatchSize is < 1 or > 10_000) throw new ArgumentException($"Moecraft:Ledger:BatchSize must be 1 to 10000; got {BatchSize}.");
        if (QueueCapacity < BatchSize) throw new ArgumentException($"Moecraft:Ledger:QueueCapacity must be at least the batch size; got {QueueCapacity}.");
        return this;
    }
}
