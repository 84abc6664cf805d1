using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

public sealed class DependencyOrderTests
{
    private static KnowledgePacket Packet(string origin, long seq, params string[] deps) =>
        PacketSamples.Synthetic(PacketSamples.Id((origin == "a" ? 100 : 200) + (int)seq), origin, "k", PacketKind.Assert, seq) with
        {
            Seq = seq,
            Deps = [.. deps],
        };

    [Fact]
    public void Packets_are_placed_in_sequence_order_after_their_dependencies_whatever_order_they_arrive_in()
    {
        var a1 = Packet("a", 1);
        var b1 = Packet("b", 1, a1.Id);
        var a2 = Packet("a", 2, b1.Id);
        var plan = DependencyOrder.Plan([a2, b1, a1, b1], _ => false);

        Assert.Empty(plan.Waiting);
        Assert.Equal([a1.Id, b1.Id, a2.Id], plan.Ready.Select(p => p.Id).ToArray());
    }

    [Fact]
    public void A_packet_whose_dependency_is_missing_waits_with_the_rest_of_its_origin_and_held_ones_count()
    {
        var held = PacketSamples.Id(999);
        var missing = PacketSamples.Id(998);
        var a1 = Packet("a", 1, held);
        var a2 = Packet("a", 2, missing);
        var a3 = Packet("a", 3);
        var b1 = Packet("b", 1);
        var plan = DependencyOrder.Plan([a1, a2, a3, b1], id => id == held);

        Assert.Equal([a1.Id, b1.Id], plan.Ready.Select(p => p.Id).ToArray());
        Assert.Equal([(a2.Id, (string?)missing), (a3.Id, null)], plan.Waiting.Select(w => (w.Packet.Id, w.MissingDependency)).ToArray());
    }

    [Fact]
    public void The_index_keeps_each_origin_in_order_by_id_and_key_and_remembers_forks()
    {
        var index = new KnowledgeIndex();
        var a1 = new StoredPacket(Packet("a", 1), "n1", 10);
        var a2 = new StoredPacket(Packet("a", 2), "n1", 11);
        index.Add([a1, a2, a1]);
        Assert.Equal(2, index.Count);
        Assert.Equal([a1, a2], index.Feed("a").ToArray());
        Assert.Equal([a1, a2], index.ByKey("k").ToArray());
        Assert.Same(a2, index.Get(a2.Packet.Id));
        Assert.Throws<InvalidOperationException>(() => index.Add([new StoredPacket(Packet("a", 2) with { Id = PacketSamples.Id(555) }, "n1", 12)]));
        Assert.False(index.IsForked("a"));
        index.MarkForked("a", "two ids at seq 2");
        Assert.Equal("two ids at seq 2", index.Fork("a"));
        Assert.Empty(index.Feed("b"));
    }
}
