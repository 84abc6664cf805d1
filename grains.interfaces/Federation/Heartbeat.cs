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
public sealed record Heartbeat([Id(0)] string NodeId, [Id(1)] string Name, [Id(2)] string ClockDigest, [Id(3)] AuditCheckpoint? Checkpoint, [Id(4)] long SentAt, [Id(5)] string Signature);
