using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// The resolved state of a logical key (SPEC 6): the heads (packets not superseded), the winner among them, and the other
/// heads as visible conflicts. Only packets this node serves count (not quarantined, not from a forked origin).
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.KnowledgeView")]
public sealed record KnowledgeView([Id(0)] string Key, [Id(1)] KnowledgePacket? Winner, [Id(2)] ImmutableArray<KnowledgePacket> Heads, [Id(3)] ImmutableArray<KnowledgePacket> Conflicts);
