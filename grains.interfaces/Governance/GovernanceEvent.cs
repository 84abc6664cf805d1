namespace Moecraft.Governance;

/// <summary>A recorded governance change: a new policy version, a halt or a resume, with who and when.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.GovernanceEvent")]
public sealed record GovernanceEvent(long Revision, DateTimeOffset At, string Actor, GovernanceEventKind Kind, string Text);
