using Microsoft.Extensions.Logging;
using Moecraft.Audit.Verification;
using Moecraft.Federation;
using Orleans.Concurrency;

namespace Moecraft.Audit;

/// <summary>
/// Gathers what an audit log is verified against (<see cref="AuditTrustRule"/> decides): asks every active node's
/// federation peer for its manifest and peer table (read-only calls that interleave with the peer's own turns), and
/// reads the membership for the names of the cluster's silos. A node that does not answer is left out; its key is
/// still known through the peer tables of the others.
/// </summary>
[StatelessWorker, GrainType("audit-trust")]
public sealed partial class AuditTrustGrain(IClusterMembershipService membership, ILogger<AuditTrustGrain> logger) : Grain, IAuditTrustGrain
{
    public async Task<AuditTrust> GetTrust(string logId)
    {
        AuditChain.ValidateLogId(logId);
        var members = membership.CurrentSnapshot.Members.Values.ToList();
        var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Name).Distinct(StringComparer.Ordinal).ToList();
        var views = await Task.WhenAll(active.Select(ViewAsync));
        var answered = views.OfType<(string NodeId, IReadOnlyList<PeerInfo> Peers)>().ToList();
        if (answered.Count == 0)
            throw new InvalidOperationException(
                $"No node of the cluster said which keys it knows (asked: {(active.Count == 0 ? "none active" : string.Join(", ", active))}); the audit log cannot be verified now.");
        return AuditTrustRule.From(logId, answered, members.Select(m => m.Name).ToHashSet(StringComparer.Ordinal));
    }

    private async Task<(string NodeId, IReadOnlyList<PeerInfo> Peers)?> ViewAsync(string node)
    {
        try
        {
            var peer = GrainFactory.GetGrain<IFederationPeerGrain>(node);
            var manifest = await peer.GetManifest();
            return (manifest.NodeId, await peer.GetPeers());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNodeUnanswered(logger, ex, node);
            return null;
        }
    }
}
