using System.Collections.Immutable;
using Moecraft.Federation;
using Moecraft.Identity;
using Moecraft.Tests.Federation.Peers;

namespace Moecraft.Tests.Federation.Sync;

/// <summary>
/// A node outside the test cluster, known to one of its nodes by manifest at a chosen tier: it signs its own packets and
/// pushes them, so tests control exactly what arrives (including tampered and forked packets).
/// </summary>
internal sealed class Outsider : IDisposable
{
    private Outsider(NodeKey key, string name)
    {
        Key = key;
        Name = name;
    }

    public NodeKey Key { get; }

    public string Name { get; }

    public string NodeId => Key.NodeId;

    /// <summary>Introduces a fresh outsider to <paramref name="node"/> and has an operator give it <paramref name="tier"/>.</summary>
    public static async Task<Outsider> JoinAsync(FederationTestCluster cluster, string node, byte seed, TrustTier tier)
    {
        var outsider = new Outsider(FederationVectors.Outsider(seed), $"outsider-{seed}-{Guid.NewGuid():n}"[..24]);
        var peer = cluster.Peer(node);
        await peer.ExchangeManifest(cluster.OutsiderManifest(outsider.Key, outsider.Name));
        if (tier != TrustTier.Unknown) await peer.SetTier(outsider.Name, tier, "operator:test");
        return outsider;
    }

    /// <summary>A chain of packets signed by this outsider, seq 1..count (after <paramref name="after"/> when given).</summary>
    public ImmutableArray<KnowledgePacket> Chain(int count, string keyPrefix, long timestamp, KnowledgePacket? after = null)
    {
        var packets = ImmutableArray.CreateBuilder<KnowledgePacket>(count);
        var (seq, prev) = after is null ? (0L, (string?)null) : (after.Seq, after.Id);
        for (var i = 0; i < count; i++)
        {
            var packet = PacketFactory.Create(Draft($"{keyPrefix}{seq + 1}", $$"""{"n":{{seq + 1}}}"""), seq + 1, prev, timestamp, Key);
            packets.Add(packet);
            (seq, prev) = (packet.Seq, packet.Id);
        }
        return packets.MoveToImmutable();
    }

    public static PacketDraft Draft(string key, string content, params string[] deps) => new(PacketKind.Assert, key, content, [.. deps], [], ["test"]);

    public void Dispose() => Key.Dispose();
}
