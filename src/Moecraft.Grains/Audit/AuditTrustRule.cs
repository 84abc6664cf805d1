using System.Collections.Immutable;
using Moecraft.Federation;

namespace Moecraft.Audit;

/// <summary>
/// Which keys may sign a cluster's audit log, and which witnessed checkpoints count (SPEC 5.4, 6). The log is written by
/// whichever silo hosts its grain, so every node of the cluster signs some of it: a node's own key counts, and so does
/// each peer of a node whose name is a silo of this cluster's membership (a node that died keeps counting through the
/// peer tables of the others). A peer that is no silo of the cluster (another sovereign node) never signs for it.
/// </summary>
public static class AuditTrustRule
{
    /// <summary>The trust an audit log of <paramref name="logId"/> is checked against.</summary>
    /// <param name="logId">The log being verified: only its witnessed checkpoints are kept.</param>
    /// <param name="nodes">Each node that answered: its own node id (from its manifest) and its peer table.</param>
    /// <param name="clusterSiloNames">The names of every silo in the membership, dead ones included.</param>
    public static AuditTrust From(string logId, IEnumerable<(string NodeId, IReadOnlyList<PeerInfo> Peers)> nodes, IReadOnlySet<string> clusterSiloNames)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(clusterSiloNames);
        var answered = nodes.ToList();
        var ids = answered.Select(n => n.NodeId)
            .Concat(answered.SelectMany(n => n.Peers).Where(p => clusterSiloNames.Contains(p.Name)).Select(p => p.NodeId))
            .ToHashSet(StringComparer.Ordinal);
        // A witness vouches for the log only with a cluster node's signature; who relayed it does not matter.
        var witnessed = answered.SelectMany(n => n.Peers)
            .Select(p => WitnessedCheckpoint.Newest(p.NewestCheckpoint, p.Checkpoint))
            .OfType<AuditCheckpoint>()
            .Where(c => c.LogId == logId && ids.Contains(c.NodeId))
            .Distinct()
            .OrderBy(c => c.Size)
            .ToImmutableArray();
        return new AuditTrust([.. ids.Order(StringComparer.Ordinal)], witnessed);
    }
}
