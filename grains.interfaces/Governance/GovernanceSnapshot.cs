namespace Moecraft.Governance;

/// <summary>
/// What routers obey: the current policy and the halt flag. <paramref name="Revision"/> grows with every change, so a
/// silo's cache never replaces a newer snapshot with an older one that arrived late.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.GovernanceSnapshot")]
public sealed record GovernanceSnapshot([Id(0)] string GovernanceId, [Id(1)] long Revision, [Id(2)] PolicyVersion Policy, [Id(3)] HaltState Halt);
