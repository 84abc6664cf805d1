using System.Collections.Immutable;
using Moecraft.Federation;

namespace Moecraft.Client;

/// <summary>One node's peer table (SPEC 6): the node's name and id, and each peer with the tier this node assigned it.</summary>
/// <param name="Node">The node name (its silo's name).</param>
/// <param name="NodeId">The node's id: unpadded base64url of its Ed25519 public key (packet origins in clocks name it).</param>
public sealed record FederationPeerTable(string Node, string NodeId, ImmutableArray<PeerInfo> Peers);
