namespace Moecraft.Governance;

/// <summary>One version of the policy: who set it and when. Version 0 is the built-in default nobody set.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.PolicyVersion")]
public sealed record PolicyVersion([Id(0)] long Version, [Id(1)] GovernancePolicy Policy, [Id(2)] string ChangedBy, [Id(3)] DateTimeOffset ChangedAt);
