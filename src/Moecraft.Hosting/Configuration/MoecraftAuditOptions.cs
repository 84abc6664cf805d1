using Moecraft.Audit;

namespace Moecraft.Hosting.Configuration;

/// <summary>Audit logs ("Moecraft:Audit", SPEC 5.4).</summary>
public sealed class MoecraftAuditOptions
{
    /// <summary>A signed checkpoint is written after every this many entries of a log.</summary>
    public int CheckpointEvery { get; set; } = 100;

    /// <summary>The grains' settings; throws <see cref="ArgumentException"/> for values that cannot work.</summary>
    public AuditLogSettings ToSettings() => new AuditLogSettings(CheckpointEvery).Validate();
}
