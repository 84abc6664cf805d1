namespace Moecraft.Governance;

/// <summary>A recorded governance change: a new policy version, a halt or a resume, with who and when.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.GovernanceEvent")]
public sealed record GovernanceEvent([Id(0)] long Revision, [Id(1)] DateTimeOffset At, [Id(2)] string Actor, [Id(3)] GovernanceEventKind Kind, [Id(4)] string Text);
