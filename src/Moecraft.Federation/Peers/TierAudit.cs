using System.Text;
using System.Text.Json.Nodes;
using Moecraft.Canonical;

namespace Moecraft.Federation;

/// <summary>What a trust-tier change writes to the audit log (SPEC 6: promotion only by an operator, audited).</summary>
public static class TierAudit
{
    /// <summary>The audit kind of a tier change.</summary>
    public const string Kind = "federation.tier";

    /// <summary>
    /// The canonical JSON payload: the node that rates (<paramref name="node"/>), the peer and its node id, the tiers as
    /// <see cref="TierMatrix.Name"/> spells them, and the actor.
    /// </summary>
    public static string Payload(string node, string peer, string peerNodeId, TrustTier from, TrustTier to, string actor) =>
        Encoding.UTF8.GetString(CanonicalJson.Serialize(new JsonObject
        {
            ["node"] = node,
            ["peer"] = peer,
            ["node_id"] = peerNodeId,
            ["from"] = TierMatrix.Name(from),
            ["to"] = TierMatrix.Name(to),
            ["actor"] = actor,
        }));
}
