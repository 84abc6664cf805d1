using Moecraft.Federation;
using Moecraft.Identity;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>
/// What of a received batch can be stored: verified packets that are neither held nor of a forked origin, the
/// dependencies to fetch from the sender, and the runs to append in dependency order.
/// </summary>
public sealed class IngestBatchTests : IDisposable
{
    private readonly NodeKey _a = PacketSamples.SignerA();
    private readonly NodeKey _b = PacketSamples.SignerB();
    private readonly KnowledgePacket _a1;
    private readonly KnowledgePacket _a2;
    private readonly KnowledgePacket _b1;

    public IngestBatchTests()
    {
        _a1 = PacketFactory.Create(PacketSamples.Draft("cache:a"), 1, null, 100, _a);
        _a2 = PacketFactory.Create(PacketSamples.Draft("cache:a", """{"score":8}"""), 2, _a1.Id, 200, _a);
        // B's first packet depends on A's first.
        _b1 = PacketFactory.Create(new PacketDraft(PacketKind.Assert, "cache:b", "{}", [_a1.Id], [], []), 1, null, 300, _b);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    private static KnowledgeIndex Holding(params KnowledgePacket[] packets)
    {
        var index = new KnowledgeIndex();
        index.Add(packets.Select(p => new StoredPacket(p, "node-x", 1)));
        return index;
    }

    private static string[] Ids(IEnumerable<KnowledgePacket> packets) => [.. packets.Select(p => p.Id)];

    [Fact]
    public void Screening_rejects_what_fails_verification_or_comes_from_a_forked_origin_and_counts_what_is_held_as_duplicates()
    {
        var index = Holding(_a1);
        index.MarkForked(_b.NodeId, "two packets at seq 1");
        var tampered = _a2 with { Content = """{"score":9}""" };

        var batch = IngestBatch.Screen(index, "own-node", [_a1, tampered, _b1]);

        Assert.Empty(batch.Valid);
        Assert.Equal(1, batch.Duplicates);
        Assert.Collection(batch.Rejected,
            line => Assert.StartsWith($"packet {tampered.Id} ({_a.NodeId} seq 2): ", line),
            line => Assert.Equal($"packet {_b1.Id} ({_b.NodeId} seq 1): origin {_b.NodeId} is forked and quarantined (two packets at seq 1)", line));

        var own = IngestBatch.Screen(new KnowledgeIndex(), _a.NodeId, [_a1, _a2]);
        Assert.Equal((0, 2), (own.Valid.Count, own.Duplicates));
    }

    [Fact]
    public void A_dependency_neither_held_nor_in_the_batch_is_named_once()
    {
        Assert.Equal([_a1.Id], IngestBatch.Screen(new KnowledgeIndex(), "own-node", [_b1, _b1]).MissingDependencies().ToArray());
        Assert.Empty(IngestBatch.Screen(new KnowledgeIndex(), "own-node", [_b1, _a1]).MissingDependencies());
        Assert.Empty(IngestBatch.Screen(Holding(_a1), "own-node", [_b1]).MissingDependencies());
    }

    [Fact]
    public void Fetched_dependencies_are_verified_and_stored_first_one_run_per_origin()
    {
        var batch = IngestBatch.Screen(new KnowledgeIndex(), "own-node", [_b1]);
        var tampered = _a2 with { Content = """{"score":9}""" };

        batch.AddDependencies([tampered, _a1]);
        var runs = batch.ReadyRuns();

        Assert.Equal([[_a1.Id], [_b1.Id]], runs.Select(r => Ids(r)).ToArray());
        Assert.StartsWith($"packet {tampered.Id} ", Assert.Single(batch.Rejected));
    }

    [Fact]
    public void Consecutive_packets_of_an_origin_are_one_run_and_a_packet_still_missing_a_dependency_is_rejected_as_waiting()
    {
        var batch = IngestBatch.Screen(new KnowledgeIndex(), "own-node", [_a2, _b1, _a1]);
        var runs = IngestBatch.Screen(new KnowledgeIndex(), "own-node", [_a2, _a1]).ReadyRuns();

        Assert.Equal([[_a1.Id, _a2.Id]], runs.Select(r => Ids(r)).ToArray());
        Assert.Equal(3, batch.ReadyRuns().Sum(r => r.Count));

        var waiting = IngestBatch.Screen(new KnowledgeIndex(), "own-node", [_b1]);
        Assert.Empty(waiting.ReadyRuns());
        Assert.Equal($"packet {_b1.Id} ({_b.NodeId} seq 1): dependency {_a1.Id} is not held yet", Assert.Single(waiting.Rejected));
    }

    [Fact]
    public void A_batch_pulled_from_a_node_of_this_cluster_is_screened_for_form_only_its_dependencies_too()
    {
        // Content changed and rehashed: only the signature (and id) no longer match, which the full check catches.
        const string Changed = """{"score":9}""";
        var stale = _a2 with { Content = Changed, ContentSha256 = PacketCanonical.ContentSha256(Changed) };
        var malformed = _b1 with { Id = "not-an-id" };

        var full = IngestBatch.Screen(Holding(_a1), "own-node", [stale]);
        Assert.Empty(full.Valid);
        Assert.Single(full.Rejected);

        var form = IngestBatch.Screen(Holding(), "own-node", [stale, malformed], PacketChecks.Form);
        Assert.Equal(Ids([stale]), Ids(form.Valid));
        Assert.Collection(form.Rejected, line => Assert.Contains("the id is not 64 lower-case hex digits", line));

        form.AddDependencies([_a1, _b1 with { Origin = "not-a-node-id" }]);
        Assert.Equal(Ids([stale, _a1]), Ids(form.Valid));
        Assert.Equal(2, form.Rejected.Count);
    }
}
