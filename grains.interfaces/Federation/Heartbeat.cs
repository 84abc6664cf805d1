using Moecraft.Audit;

namespace Moecraft.Federation;

/// <summary>
/// A signed liveness message (SPEC 6): who sends it, a digest of its sync clock and its latest signed audit checkpoint.
/// Canonical JSON type <c>moecraft.heartbeat</c>, signed without <see cref="Signature"/>.
/// </summary>
/// <param name="ClockDigest">Lower-case hex SHA-256 of the canonical sync clock (origin -> seq).</param>
/// <param name="Checkpoint">The sender's latest signed audit checkpoint; null before its first.</param>
/// <param name="SentAt">Unix milliseconds.</param>
[GenerateSerializer, Immutable, Alias("moecraft.Heartbeat")]
public sealed record Heartbeat(string NodeId, string Name, string ClockDigest, AuditCheckpoint? Checkpoint, long SentAt, string Signature);
