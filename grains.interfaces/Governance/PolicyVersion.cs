namespace Moecraft.Governance;

/// <summary>One version of the policy: who set it and when. Version 0 is the built-in default nobody set.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.PolicyVersion")]
public sealed record PolicyVersion(long Version, GovernancePolicy Policy, string ChangedBy, DateTimeOffset ChangedAt);
