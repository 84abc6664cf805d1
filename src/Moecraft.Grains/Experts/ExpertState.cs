using Moecraft.Audit;

namespace Moecraft.Experts;

/// <summary>Persisted state of an expert grain. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.ExpertState")]
public sealed class ExpertState
{
    [Id(0)] public ExpertDefinition? Definition { get; set; }

    [Id(1)] public ExpertStatus Status { get; set; } = ExpertStatus.Unregistered;

    [Id(2)] public ExpertCounters Counters { get; set; } = ExpertCounters.Zero;

    /// <summary>Audit entries of stored status moves not yet known to be in the cluster log (see <see cref="AuditOutbox"/>).</summary>
    [Id(3)] public AuditOutboxState Audit { get; set; } = AuditOutboxState.Empty;
}
