using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>What a node publishes: the origin adds seq, prev, timestamp, hashes and its signature.</summary>
/// <param name="Content">JSON text of the content; it is canonicalised (floats are refused).</param>
[GenerateSerializer, Immutable, Alias("moecraft.PacketDraft")]
public sealed record PacketDraft(
    PacketKind Kind, string Key, string Content, ImmutableArray<string> Deps, ImmutableArray<string> Supersedes, ImmutableArray<string> Sources);
