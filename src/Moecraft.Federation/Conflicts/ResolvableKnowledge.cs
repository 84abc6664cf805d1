namespace Moecraft.Federation;

/// <summary>A held packet together with the tier this node assigns its origin now: the input to <see cref="ConflictResolver"/>.</summary>
public sealed record ResolvableKnowledge(StoredPacket Stored, TrustTier OriginTier);
