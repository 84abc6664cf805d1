using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Identity;

namespace Moecraft.Api.Management;

/// <summary>
/// The hash-chained audit logs (SPEC 5.4): verify one through the cluster, as <c>moecraft audit verify</c> does (against
/// the node keys the cluster knows and the checkpoints its peers witnessed), or download it, verified and sealed, as JSON
/// lines for <c>moecraft audit verify --file</c>. Operators only.
/// </summary>
public static class AuditEndpoints
{
    public const string JsonLines = AuditExportFile.MediaType;

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder moecraft)
    {
        var audit = moecraft.MapGroup("/audit").WithTags("Audit").RequireAdmin();
        audit.MapGet("/verify", VerifyAsync)
            .WithName("VerifyAudit")
            .WithSummary("Verifies an audit log's hash chain and signed checkpoints")
            .WithDescription("Reads the whole log (`log`, default `cluster`), its checkpoints and those the cluster's peers witnessed, and checks them "
                + "against the node keys the cluster knows; `node` (repeated or comma-separated node ids) trusts those instead. The answer says ok, "
                + "tampered (first bad seq), truncated, bad-signature (forged, or by a key the cluster does not know) or empty (no such log).");
        audit.MapGet("/export", ExportAsync)
            .WithName("ExportAudit")
            .WithSummary("Downloads an audit log, verified and sealed, as JSON lines")
            .WithDescription("Entries in order, each checkpoint after its entry, and last a seal signed now over the head exported: the file "
                + "`moecraft audit verify --file` checks offline, which tells a cut file by its missing seal. A log that does not verify is not "
                + "exported (409 with the finding); an empty or unknown one is a 404.")
            .Produces<string>(StatusCodes.Status200OK, JsonLines);
        return moecraft;
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(IGrainFactory grains, CancellationToken cancellationToken, string? log = null, string[]? node = null)
    {
        var logId = LogId(log);
        var named = (node ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
        if (named.Find(n => !NodeIds.TryGetPublicKey(n, out _)) is { } bad)
            throw ManagementProblem.BadRequest($"node must be node ids: 43 characters of unpadded base64url each; got '{bad}'.");
        var read = await ReadAsync(grains, logId, cancellationToken);
        IReadOnlyList<string> trusted = named.Count > 0 ? named : read.Trust.NodeIds;
        return TypedResults.Ok(AuditVerification.From(logId, read, trusted, read.Verify(trusted)));
    }

    private static async Task<FileContentHttpResult> ExportAsync(IGrainFactory grains, CancellationToken cancellationToken, string? log = null)
    {
        var logId = LogId(log);
        var read = await ReadAsync(grains, logId, cancellationToken);
        // The seal vouches for everything above it: a log that does not verify is not sealed.
        switch (read.Verify(read.Trust.NodeIds))
        {
            case AuditVerificationResult.Ok:
                break;
            case AuditVerificationResult.Empty empty:
                throw ManagementProblem.NotFound($"Audit log '{logId}': {empty.Describe()}");
            case var failed:
                throw new InvalidOperationException($"Audit log '{logId}' does not verify, so it is not exported: {failed.Describe()}");
        }
        var seal = await grains.GetGrain<IAuditLogGrain>(logId).SealExport(read.Entries.Count).WaitAsync(cancellationToken);
        if (seal.HeadHash != read.Entries[^1].Hash)
            throw new InvalidOperationException($"Entry {seal.Size} of audit log '{logId}' changed while it was exported; verify the log.");
        var text = new StringBuilder();
        var sealLine = new ChainCheckpoint(seal.LogId, seal.Size, seal.HeadHash, seal.Timestamp, seal.NodeId, seal.Signature);
        foreach (var line in AuditExportFile.Lines(read.Entries, read.Checkpoints, sealLine)) text.Append(line).Append('\n');
        return TypedResults.File(new UTF8Encoding(false).GetBytes(text.ToString()), JsonLines, $"audit-{logId}.jsonl");
    }

    private static string LogId(string? log)
    {
        var logId = string.IsNullOrWhiteSpace(log) ? AuditLogs.Cluster : log;
        try
        {
            AuditChain.ValidateLogId(logId);
        }
        catch (ArgumentException invalid)
        {
            throw ManagementProblem.BadRequest(invalid.Message);
        }
        return logId;
    }

    /// <summary>
    /// What to trust first, then checkpoints, then every entry up to the head, so a growing log never shows a signed size
    /// ahead of the entries read.
    /// </summary>
    private static async Task<AuditRead> ReadAsync(IGrainFactory grains, string logId, CancellationToken cancellationToken)
    {
        const int page = 1000;
        var trust = await grains.GetGrain<IAuditTrustGrain>(0).GetTrust(logId).WaitAsync(cancellationToken);
        var grain = grains.GetGrain<IAuditLogGrain>(logId);
        var checkpoints = await grain.GetCheckpoints().WaitAsync(cancellationToken);
        var entries = new List<ChainEntry>();
        while (true)
        {
            var batch = await grain.Read(entries.Count + 1, page).WaitAsync(cancellationToken);
            entries.AddRange(batch.Select(e => new ChainEntry(e.Sequence, e.Timestamp, e.Kind, e.Actor, e.Payload, e.PreviousHash, e.Hash)));
            if (batch.Length < page) break;
        }
        return new AuditRead(trust, entries, [.. checkpoints.Select(ToChain)], [.. trust.Witnessed.Select(ToChain)]);
    }

    private static ChainCheckpoint ToChain(AuditCheckpoint c) => new(c.LogId, c.Size, c.HeadHash, c.Timestamp, c.NodeId, c.Signature);
}

/// <summary>What verifying an audit log found: <paramref name="Result"/> is ok, tampered, truncated, bad-signature or empty.</summary>
/// <param name="FirstBadSequence">Tampered: the first entry that does not verify.</param>
/// <param name="HeadHash">Ok: the hash of the last entry.</param>
/// <param name="Witnessed">Checkpoints of the log the cluster's peers witnessed in heartbeats, checked with the stored ones.</param>
/// <param name="TrustedNodes">The node ids whose signatures counted: the cluster's nodes, or those named.</param>
public sealed record AuditVerification(
    string Log, bool Ok, string Result, string Description, long Entries, int Checkpoints, string? HeadHash, long? FirstBadSequence,
    int Witnessed, IReadOnlyList<string> TrustedNodes)
{
    internal static AuditVerification From(string log, AuditRead read, IReadOnlyList<string> trusted, AuditVerificationResult result)
    {
        var (ok, name, head, firstBad) = result switch
        {
            AuditVerificationResult.Ok o => (true, "ok", o.HeadHash, (long?)null),
            AuditVerificationResult.Tampered t => (false, "tampered", null, t.FirstBadSequence),
            AuditVerificationResult.Truncated => (false, "truncated", null, null),
            AuditVerificationResult.Empty => (false, "empty", null, null),
            _ => (false, "bad-signature", (string?)null, (long?)null),
        };
        return new(log, ok, name, result.Describe(), read.Entries.Count, read.Checkpoints.Count, head, firstBad, read.Witnessed.Count, trusted);
    }
}
