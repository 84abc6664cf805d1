using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>What a node publishes: the origin adds seq, prev, timestamp, hashes and its signature.</summary>
/// <param name="Content">JSON text of the content; it is canonicalised (floats are refused).</param>
[GenerateSerializer, Immutable, Alias("moecraft.PacketDraft")]
public sealed record PacketDraft(
    [Id(0)] PacketKind Kind, [Id(1)] string Key, [Id(2)] string Content, [Id(3)] ImmutableArray<string> Deps, [Id(4)] ImmutableArray<string> Supersedes, [Id(5)] ImmutableArray<string> Sources);
