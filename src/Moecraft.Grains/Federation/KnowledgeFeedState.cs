namespace Moecraft.Federation;

/// <summary>Persisted state of a knowledge feed grain. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.KnowledgeFeedState")]
public sealed class KnowledgeFeedState
{
    /// <summary>The held packets, in sequence order from 1: packet <c>i</c> has <c>Seq == i + 1</c>.</summary>
    [Id(0)] public List<StoredPacket> Packets { get; set; } = [];

    /// <summary>Why the origin is forked (two ids at one sequence); null while it is not.</summary>
    [Id(1)] public string? Fork { get; set; }

    public KnowledgeFeedState Copy() => new() { Packets = [.. Packets], Fork = Fork };
}
