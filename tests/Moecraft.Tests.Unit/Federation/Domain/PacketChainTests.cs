using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>A batch a node publishes is chained from its feed's head, and may depend only on packets held or earlier in the batch.</summary>
public sealed class PacketChainTests
{
    [Fact]
    public void A_batch_is_chained_one_after_the_other_from_the_feeds_head()
    {
        using var signer = PacketSamples.SignerA();
        var head = PacketFactory.Create(PacketSamples.Draft(), 1, null, 100, signer);

        var packets = PacketFactory.Chain([PacketSamples.Draft("cache:1"), PacketSamples.Draft("cache:2")], new FeedPosition(signer.NodeId, 1, head.Id), _ => false, 200, signer, "node-a");

        Assert.Equal([(2L, head.Id), (3L, packets[0].Id)], packets.Select(p => (p.Seq, p.Prev)).ToArray());
        Assert.All(packets, p => Assert.Null(PacketVerifier.Failure(p)));
        Assert.Equal(1, PacketFactory.Chain([PacketSamples.Draft()], new FeedPosition(signer.NodeId, 0, null), _ => false, 200, signer, "node-a")[0].Seq);
    }

    [Fact]
    public void A_dependency_must_be_held_or_published_earlier_in_the_batch()
    {
        using var signer = PacketSamples.SignerA();
        var start = new FeedPosition(signer.NodeId, 0, null);
        var first = PacketFactory.Chain([PacketSamples.Draft("cache:1")], start, _ => false, 200, signer, "node-a")[0];
        var held = PacketSamples.Id(7);
        PacketDraft DependingOn(string id) => PacketSamples.Draft("cache:2") with { Deps = [id] };

        Assert.Equal(2, PacketFactory.Chain([PacketSamples.Draft("cache:1"), DependingOn(first.Id)], start, _ => false, 200, signer, "node-a").Length);
        Assert.Single(PacketFactory.Chain([DependingOn(held)], start, id => id == held, 200, signer, "node-a"));
        var missing = Assert.Throws<ArgumentException>(() => PacketFactory.Chain([DependingOn(PacketSamples.Id(8))], start, _ => false, 200, signer, "node-a"));
        Assert.Contains($"Dependency {PacketSamples.Id(8)} is not held on node 'node-a'", missing.Message);
        Assert.Contains("Nothing was published", missing.Message);
    }
}
