using Moecraft.Audit;
using Moecraft.Federation;
using Moecraft.Identity;
using Moecraft.Tests.Identity;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>
/// Fixed inputs for the manifest and heartbeat known-answer tests. The expected texts and signatures were computed
/// independently (Python: <c>json.dumps(sort_keys=True, separators=(',',':'))</c> and the <c>cryptography</c> package's Ed25519).
/// </summary>
internal static class FederationVectors
{
    /// <summary>RFC 8032 section 7.1 TEST 1 seed.</summary>
    public static readonly byte[] Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    public const string NodeId = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    public const long IssuedAt = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    public const long ValidUntil = 1_767_312_000_000; // a day later

    public const string ManifestText =
        """{"capabilities":["heartbeat","manifest","sync"],"experts_offered":["expert-a","expert-b"],"issued_at":1767225600000,"name":"node-a","node_id":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","requested_tier":"CORE","software_version":"1.0.0","type":"moecraft.manifest","valid_until":1767312000000,"verify_keys":["11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"]}""";

    public const string ManifestSignature = "UxrGowEIie8U7h3ocbrdQnRTdoMaC6Jru7qO4OWZH0GbDo8omsstaBMFH2UpVDHK0W6sCDFg2G5xFhojumS5Dg";

    public const string CheckpointSignature = "7D8e-0lHJ2Cx-5cfvt9_5QM2RyecAvmvns_5jQ95SqwsxxpdtgTEGMuSL64gvBYxq002x_2ZYshY6tFbetlUCw";

    public const long SentAt = 1_767_225_601_000;

    public const string HeartbeatText =
        """{"checkpoint":{"head":"abababababababababababababababababababababababababababababababab","log":"cluster","node":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","signature":"7D8e-0lHJ2Cx-5cfvt9_5QM2RyecAvmvns_5jQ95SqwsxxpdtgTEGMuSL64gvBYxq002x_2ZYshY6tFbetlUCw","size":3,"ts":1767225600000,"type":"moecraft.audit.checkpoint.v1"},"clock_digest":"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","name":"node-a","node_id":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","sent_at":1767225601000,"type":"moecraft.heartbeat"}""";

    public const string HeartbeatSignature = "cqbyLpQNQALBGAXuq00RR9r-JSJ2EAuTZWn8wHwkac842qb9jIoyIbjAwcuXiOBzmCen3TT-6W2UoXOYzP7tDg";

    public const string HeartbeatWithoutCheckpointText =
        """{"checkpoint":null,"clock_digest":"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","name":"node-a","node_id":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","sent_at":1767225601000,"type":"moecraft.heartbeat"}""";

    public const string HeartbeatWithoutCheckpointSignature = "pc0jr2nEsg6ALjSPMVDipFHLf_eF5MnpWx1EjJ0BUTHlaZWzV-pNRDTPMmOZZsgIasNo4oX660EQMKes5FXRBQ";

    public static NodeKey Signer() => NodeKeyFiles.Load(Seed);

    public static PeerManifest Manifest(INodeSigner signer) => ManifestFactory.Create(
        signer, "node-a", ["sync", "heartbeat", "manifest", "sync"], ["expert-b", "expert-a"], "1.0.0", TrustTier.Core, IssuedAt, ValidUntil);

    public static AuditCheckpoint Checkpoint => new("cluster", 3, string.Concat(Enumerable.Repeat("ab", 32)), IssuedAt, NodeId, CheckpointSignature);

    /// <summary>A signer for a node outside the cluster, from a seed made of <paramref name="b"/>.</summary>
    public static NodeKey Outsider(byte b) => NodeKeyFiles.Load(Enumerable.Repeat(b, 32).ToArray());
}
