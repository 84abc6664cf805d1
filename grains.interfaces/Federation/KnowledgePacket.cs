using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// A signed unit of federated knowledge (SPEC 6): a semantic-cache entry, an expert reputation, a routing prior or a scar.
/// Its canonical JSON (type <c>moecraft.packet</c>, without <see cref="Signature"/> and <see cref="Id"/>) is what is hashed
/// into <see cref="Id"/> and signed by the origin.
/// </summary>
/// <param name="Id">Lower-case hex SHA-256 of the canonical bytes without id and signature.</param>
/// <param name="Origin">The authoring node's id (unpadded base64url of its Ed25519 public key).</param>
/// <param name="Seq">Position on the origin's feed, from 1.</param>
/// <param name="Prev">Id of the origin's packet <c>Seq - 1</c>; null for the first.</param>
/// <param name="Timestamp">When the origin wrote it, Unix milliseconds.</param>
/// <param name="Key">The logical key, e.g. <c>cache:{hash}</c>, <c>reputation:{expert}</c>, <c>prior:{router}</c>, <c>scar:{router}/{expert}</c>.</param>
/// <param name="Content">The content as canonical JSON text.</param>
/// <param name="ContentSha256">Lower-case hex SHA-256 of the UTF-8 bytes of <see cref="Content"/>.</param>
/// <param name="Deps">Ids of packets this one needs (held before it is accepted).</param>
/// <param name="Supersedes">Ids of packets for the same key that this one replaces.</param>
/// <param name="Sources">Free-form provenance (node ids, dataset names).</param>
/// <param name="Signature">Unpadded base64url Ed25519 signature by the origin of the canonical bytes without id and signature.</param>
[GenerateSerializer, Immutable, Alias("moecraft.KnowledgePacket")]
public sealed record KnowledgePacket(
    [Id(0)] string Id,
    [Id(1)] string Origin,
    [Id(2)] long Seq,
    [Id(3)] string? Prev,
    [Id(4)] long Timestamp,
    [Id(5)] PacketKind Kind,
    [Id(6)] string Key,
    [Id(7)] string Content,
    [Id(8)] string ContentSha256,
    [Id(9)] ImmutableArray<string> Deps,
    [Id(10)] ImmutableArray<string> Supersedes,
    [Id(11)] ImmutableArray<string> Sources,
    [Id(12)] string Signature);
