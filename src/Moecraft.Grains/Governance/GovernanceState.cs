using Moecraft.Audit;

namespace Moecraft.Governance;

/// <summary>Persisted state of a governance grain. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.GovernanceState")]
public sealed class GovernanceState
{
    /// <summary>Policy versions set by operators, oldest first; empty means the built-in default (version 0).</summary>
    [Id(0)] public List<PolicyVersion> Versions { get; set; } = [];

    [Id(1)] public HaltState Halt { get; set; } = HaltState.Running;

    [Id(2)] public List<GovernanceEvent> Events { get; set; } = [];

    /// <summary>Grows with every change; caches keep the snapshot with the highest revision.</summary>
    [Id(3)] public long Revision { get; set; }

    /// <summary>Audit entries of stored changes not yet known to be in the cluster log (see <see cref="AuditOutbox"/>).</summary>
    [Id(4)] public AuditOutboxState Audit { get; set; } = AuditOutboxState.Empty;

    public GovernanceState Copy() => new()
    {
        Versions = [.. Versions],
        Halt = Halt,
        Events = [.. Events],
        Revision = Revision,
        Audit = Audit,
    };
}
