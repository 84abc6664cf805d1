using Moecraft.Audit;
using Moecraft.Audit.Verification;

namespace Moecraft.Api.Management;

/// <summary>An audit log as read for verification: the trust, the entries, the stored and the witnessed checkpoints.</summary>
internal sealed record AuditRead(AuditTrust Trust, List<ChainEntry> Entries, List<ChainCheckpoint> Checkpoints, List<ChainCheckpoint> Witnessed)
{
    public AuditVerificationResult Verify(IReadOnlyCollection<string> trusted) => AuditVerifier.Verify(Entries, [.. Checkpoints, .. Witnessed], trusted);
}
