namespace Moecraft.Audit.Verification;

/// <summary>What <see cref="AuditVerifier"/> found: OK or the first problem, one of three kinds.</summary>
public abstract record AuditVerificationResult
{
    private AuditVerificationResult()
    {
    }

    /// <summary>A one-line account for people.</summary>
    public abstract string Describe();

    /// <summary>Every entry chains and hashes correctly and every checkpoint is signed and matches the entries.</summary>
    public sealed record Ok(long Entries, int Checkpoints, string HeadHash) : AuditVerificationResult
    {
        public override string Describe() => $"OK: {Entries} entries, {Checkpoints} checkpoints, head {HeadHash}.";
    }

    /// <summary>Entry <paramref name="FirstBadSequence"/> is the first that was changed, removed, inserted or moved.</summary>
    public sealed record Tampered(long FirstBadSequence, string Reason) : AuditVerificationResult
    {
        public override string Describe() => $"TAMPERED: first bad seq {FirstBadSequence} ({Reason}).";
    }

    /// <summary>The entries stop at <paramref name="LastGoodSequence"/> but a signed checkpoint vouches for <paramref name="CheckpointSize"/>.</summary>
    public sealed record Truncated(long LastGoodSequence, long CheckpointSize) : AuditVerificationResult
    {
        public override string Describe() => $"TRUNCATED: the log ends at seq {LastGoodSequence} but a signed checkpoint covers {CheckpointSize} entries.";
    }

    /// <summary>The checkpoint of size <paramref name="CheckpointSize"/> is not validly signed (forged, altered, or by an untrusted node).</summary>
    public sealed record BadSignature(long CheckpointSize, string Reason) : AuditVerificationResult
    {
        public override string Describe() => $"BAD SIGNATURE: checkpoint of size {CheckpointSize} ({Reason}).";
    }
}
