using Moecraft.Experts.Embeddings;
using Moecraft.Federation;
using Moecraft.Routing;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>A shared scar names the embedder its region lives in (SPEC 4.2), so no node applies it to another embedder's vectors.</summary>
public sealed class FederatedScarPacketTests
{
    private static KnowledgePacket Packet(PacketDraft draft) =>
        new(PacketSamples.Id(1), PacketSamples.OriginA, 1, null, 0, draft.Kind, draft.Key, draft.Content, new string('0', 64), [], [], [], "");

    [Fact]
    public void A_scar_packet_names_its_embedder_and_reads_back_with_it()
    {
        var draft = FederatedKnowledge.Scar("router-1", "cheap", [0.6f, 0.8f, 0f], 0.1, new EmbedderIdentity("tiny-embedder", 3));

        Assert.Contains("\"embedder\":\"tiny-embedder\"", draft.Content, StringComparison.Ordinal);
        Assert.True(FederatedKnowledge.TryReadScar(Packet(draft), out var scar));
        Assert.Equal((new EmbedderIdentity("tiny-embedder", 3), "cheap", PacketSamples.OriginA), (scar.Embedder, scar.Expert, scar.Origin));
    }

    [Fact]
    public void A_scar_shared_before_packets_named_their_embedder_is_the_hashing_embedders_at_its_width()
    {
        var legacy = new PacketDraft(PacketKind.Assert, "scar:router-1/cheap/abc",
            """{"centroid":["0.6","0.8"],"expert":"cheap","radius":"0.1","router":"router-1"}""", [], [], []);

        Assert.True(FederatedKnowledge.TryReadScar(Packet(legacy), out var scar));
        Assert.Equal(EmbedderIdentity.Hashing(2), scar.Embedder);
    }

    [Fact]
    public void A_centroid_of_another_width_than_its_embedder_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FederatedKnowledge.Scar("router-1", "cheap", [1f, 0f], 0.1, KnownEmbedders.MiniLm));
        Assert.Contains("384", error.Message, StringComparison.Ordinal);
    }
}
