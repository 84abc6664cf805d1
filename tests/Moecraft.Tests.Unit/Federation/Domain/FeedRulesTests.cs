using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>Each outcome of placing a verified packet on the feed held for its origin.</summary>
public sealed class FeedRulesTests : IDisposable
{
    private readonly Moecraft.Identity.NodeKey _signer = PacketSamples.SignerA();
    private readonly KnowledgePacket _first;
    private readonly KnowledgePacket _second;
    private readonly KnowledgePacket _third;

    public FeedRulesTests()
    {
        _first = PacketFactory.Create(PacketSamples.Draft(content: "1"), 1, null, 100, _signer);
        _second = PacketFactory.Create(PacketSamples.Draft(content: "2"), 2, _first.Id, 200, _signer);
        _third = PacketFactory.Create(PacketSamples.Draft(content: "3"), 3, _second.Id, 300, _signer);
    }

    public void Dispose() => _signer.Dispose();

    private FeedPosition At(long seq) => new(_signer.NodeId, seq, seq switch { 0 => null, 1 => _first.Id, 2 => _second.Id, _ => _third.Id });

    private string? HeldId(long seq) => seq switch { 1 => _first.Id, 2 => _second.Id, 3 => _third.Id, _ => null };

    private FeedStep Classify(long position, KnowledgePacket packet) => FeedRules.Classify(At(position), packet, HeldId);

    [Fact]
    public void The_packet_after_the_head_that_links_to_it_is_next()
    {
        Assert.Equal(FeedStep.Next, Classify(0, _first));
        Assert.Equal(FeedStep.Next, Classify(1, _second));
        Assert.Equal(FeedStep.Next, Classify(2, _third));
    }

    [Fact]
    public void A_held_packet_again_is_a_duplicate()
    {
        Assert.Equal(FeedStep.Duplicate, Classify(2, _second));
        Assert.Equal(FeedStep.Duplicate, Classify(2, _first));
        Assert.Equal(FeedStep.Duplicate, Classify(3, _first));
    }

    [Fact]
    public void Another_packet_at_a_held_sequence_is_a_fork()
    {
        // Same seq and prev as the held second packet, other content: the origin signed two histories.
        var rival = PacketFactory.Create(PacketSamples.Draft(content: "\"other\""), 2, _first.Id, 200, _signer);
        var rivalFirst = PacketFactory.Create(PacketSamples.Draft(content: "\"other\""), 1, null, 100, _signer);

        Assert.Equal(FeedStep.Fork, Classify(2, rival));
        Assert.Equal(FeedStep.Fork, Classify(3, rival));
        Assert.Equal(FeedStep.Fork, Classify(1, rivalFirst));
    }

    [Fact]
    public void A_packet_beyond_the_next_sequence_is_a_gap()
    {
        Assert.Equal(FeedStep.Gap, Classify(0, _second));
        Assert.Equal(FeedStep.Gap, Classify(1, _third));
        Assert.Equal(FeedStep.Gap, Classify(0, _third));
    }

    [Fact]
    public void The_next_sequence_with_another_prev_is_a_broken_chain()
    {
        var offChain = PacketFactory.Create(PacketSamples.Draft(content: "2"), 2, new string('c', 64), 200, _signer);

        Assert.Equal(FeedStep.BrokenChain, Classify(1, offChain));
        // The held second packet does not extend a feed whose head is some other packet.
        Assert.Equal(FeedStep.BrokenChain, FeedRules.Classify(new FeedPosition(_signer.NodeId, 1, new string('d', 64)), _second, HeldId));
    }

    [Fact]
    public void Packets_of_another_origin_and_inconsistent_positions_are_caller_errors()
    {
        using var other = PacketSamples.SignerB();
        var foreign = PacketFactory.Create(PacketSamples.Draft(), 1, null, 0, other);

        Assert.Throws<ArgumentException>(() => Classify(0, foreign));
        Assert.Throws<ArgumentException>(() => FeedRules.Classify(new FeedPosition(_signer.NodeId, 1, null), _second, HeldId));
        Assert.Throws<ArgumentException>(() => FeedRules.Classify(new FeedPosition(_signer.NodeId, 0, _first.Id), _first, HeldId));
        Assert.Throws<InvalidOperationException>(() => FeedRules.Classify(At(2), _second, _ => null));
    }
}
