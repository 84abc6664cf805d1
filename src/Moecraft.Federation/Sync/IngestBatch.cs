using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// What of a batch a peer sent can be stored (SPEC 6 sync), decided against what the node holds: every packet verified
/// (<see cref="PacketVerifier"/>), those held already (or this node's own) counted as duplicates, those of a forked origin
/// refused; the dependencies neither held nor in the batch named, so they can be fetched from the sender; then what is
/// ready, in dependency and sequence order, one run per origin. Rejections say which packet and why.
/// </summary>
public sealed class IngestBatch
{
    private readonly KnowledgeIndex _index;
    private readonly PacketChecks _checks;
    private readonly List<KnowledgePacket> _valid = [];

    private IngestBatch(KnowledgeIndex index, PacketChecks checks) => (_index, _checks) = (index, checks);

    /// <summary>The packets that passed verification and are neither held nor of a forked origin.</summary>
    public IReadOnlyList<KnowledgePacket> Valid => _valid;

    /// <summary>Why packets were not stored, one line each.</summary>
    public List<string> Rejected { get; } = [];

    /// <summary>Packets already held; the caller adds what the feeds report as duplicates when storing.</summary>
    public int Duplicates { get; set; }

    /// <summary>
    /// Verifies and sorts <paramref name="packets"/> against <paramref name="index"/>, which must not change while the batch
    /// is in use; <paramref name="checks"/>: all of <see cref="PacketVerifier"/>'s checks, or the form only for a batch
    /// pulled from a node of this cluster (<see cref="InClusterPulls"/>), for its dependencies too.
    /// </summary>
    public static IngestBatch Screen(KnowledgeIndex index, string ownNodeId, IEnumerable<KnowledgePacket> packets, PacketChecks checks = PacketChecks.Full)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(packets);
        var batch = new IngestBatch(index, checks);
        foreach (var packet in packets)
        {
            if (PacketVerifier.Failure(packet, checks) is { } failure) batch.Rejected.Add($"{Describe(packet)}: {failure}");
            else if (index.Contains(packet.Id) || packet.Origin == ownNodeId) batch.Duplicates++;
            else if (index.Fork(packet.Origin) is { } fork) batch.Rejected.Add($"{Describe(packet)}: origin {packet.Origin} is forked and quarantined ({fork})");
            else batch._valid.Add(packet);
        }
        return batch;
    }

    /// <summary>Dependencies of valid packets that are neither held nor in the batch: at most one batch of ids, each once.</summary>
    public ImmutableArray<string> MissingDependencies()
    {
        var inBatch = _valid.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        return [.. _valid.Where(p => !p.Deps.IsDefault).SelectMany(p => p.Deps)
            .Where(d => !_index.Contains(d) && !inBatch.Contains(d)).Distinct(StringComparer.Ordinal).Take(PacketBatch.MaxPackets)];
    }

    /// <summary>
    /// Adds dependencies fetched from the sender: checked like the rest (a failure is rejected); one held already or of a
    /// forked origin is left out.
    /// </summary>
    public void AddDependencies(IEnumerable<KnowledgePacket> fetched)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        foreach (var dependency in fetched)
        {
            if (PacketVerifier.Failure(dependency, _checks) is { } failure) Rejected.Add($"{Describe(dependency)}: {failure}");
            else if (!_index.Contains(dependency.Id) && _index.Fork(dependency.Origin) is null) _valid.Add(dependency);
        }
    }

    /// <summary>
    /// The valid packets that can be stored now (<see cref="DependencyOrder"/>), as runs of consecutive packets of one origin
    /// (one feed append each); a packet whose dependency is still missing is rejected as waiting.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<KnowledgePacket>> ReadyRuns()
    {
        var plan = DependencyOrder.Plan(_valid, _index.Contains);
        Rejected.AddRange(plan.Waiting.Where(w => w.MissingDependency is not null)
            .Select(w => $"{Describe(w.Packet)}: dependency {w.MissingDependency} is not held yet"));
        var runs = new List<IReadOnlyList<KnowledgePacket>>();
        List<KnowledgePacket>? run = null;
        foreach (var packet in plan.Ready)
        {
            if (run is not null && run[0].Origin != packet.Origin)
            {
                runs.Add(run);
                run = null;
            }
            (run ??= []).Add(packet);
        }
        if (run is not null) runs.Add(run);
        return runs;
    }

    public static string Describe(KnowledgePacket? packet) =>
        packet is null ? "a null packet" : $"packet {packet.Id} ({packet.Origin} seq {packet.Seq})";
}
