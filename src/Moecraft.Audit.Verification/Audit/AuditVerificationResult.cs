namespace Moecraft.Audit.Verification;

/// <summary>What <see cref="AuditVerifier"/> found: OK or the first problem, one of four kinds.</summary>
public abstract record AuditVerificationResult
{
    private AuditVerificationResult()
    {
    }

    /// <summary>A one-line account for people.</summary>
    public abstract string Describe();

    /// <summary>
    /// Every entry chains and hashes correctly, every checkpoint (and an export's seal) is signed by a trusted node and
    /// matches the entries.
    /// </summary>
    public sealed record Ok(long Entries, int Checkpoints, string HeadHash) : AuditVerificationResult
    {
        public override string Describe() => $"OK: {Entries} entries, {Checkpoints} checkpoints, head {HeadHash}.";
    }

    /// <summary>Entry <paramref name="FirstBadSequence"/> is the first that was changed, removed, inserted or moved.</summary>
    public sealed record Tampered(long FirstBadSequence, string Reason) : AuditVerificationResult
    {
        public override string Describe() => $"TAMPERED: first bad seq {FirstBadSequence} ({Reason}).";
    }

    /// <summary>
    /// The entries stop at <paramref name="LastGoodSequence"/> but something signed says there were more (a checkpoint,
    /// one a peer witnessed, an export's seal), or an export file does not end with its seal: it was cut.
    /// </summary>
    public sealed record Truncated(long LastGoodSequence, string Reason) : AuditVerificationResult
    {
        public override string Describe() => $"TRUNCATED: the log ends at seq {LastGoodSequence} but {Reason}.";
    }

    /// <summary>The checkpoint (or seal) of size <paramref name="CheckpointSize"/> is not validly signed by a trusted node (forged, altered, or by an unknown key).</summary>
    public sealed record BadSignature(long CheckpointSize, string Reason) : AuditVerificationResult
    {
        public override string Describe() => $"BAD SIGNATURE: checkpoint of size {CheckpointSize} ({Reason}).";
    }

    /// <summary>Nothing to verify: the log has no entries (an unknown log id), or the file holds none (an empty file).</summary>
    public sealed record Empty(string Reason) : AuditVerificationResult
    {
        public override string Describe() => $"EMPTY: {Reason}; an empty log proves nothing.";
    }
}
