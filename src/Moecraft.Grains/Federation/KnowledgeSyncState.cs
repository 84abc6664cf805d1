namespace Moecraft.Federation;

/// <summary>Persisted state of a node's knowledge sync grain. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.KnowledgeSyncState")]
public sealed class KnowledgeSyncState
{
    /// <summary>The origins (node ids) whose feeds this node holds, its own included once it published.</summary>
    [Id(0)] public List<string> Feeds { get; set; } = [];

    public KnowledgeSyncState Copy() => new() { Feeds = [.. Feeds] };

    /// <summary>The part of the state stored before the split that is the knowledge sync grain's.</summary>
    public static KnowledgeSyncState From(FederationPeerState legacy) => new() { Feeds = [.. legacy.Feeds] };
}
