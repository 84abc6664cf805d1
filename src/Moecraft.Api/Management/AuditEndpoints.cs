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
/// The hash-chained audit logs (SPEC 5.4): verify one through the cluster, as <c>moecraft audit verify</c> does, or download
/// it as JSON lines for <c>moecraft audit verify --file</c>. Operators only.
/// </summary>
public static class AuditEndpoints
{
    public const string JsonLines = "application/jsonl";

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder moecraft)
    {
        var audit = moecraft.MapGroup("/audit").WithTags("Audit").RequireAdmin();
        audit.MapGet("/verify", VerifyAsync)
            .WithName("VerifyAudit")
            .WithSummary("Verifies an audit log's hash chain and signed checkpoints")
            .WithDescription("Reads the whole log (`log`, default `cluster`) and its checkpoints through the cluster and checks them; `node` trusts only checkpoints signed by that node id. The answer says ok, tampered (first bad seq), truncated or bad-signature.");
        audit.MapGet("/export", ExportAsync)
            .WithName("ExportAudit")
            .WithSummary("Downloads an audit log as JSON lines")
            .WithDescription("Entries in order, then checkpoints: the file `moecraft audit verify --file` checks offline.")
            .Produces<string>(StatusCodes.Status200OK, JsonLines);
        return moecraft;
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(IGrainFactory grains, CancellationToken cancellationToken, string? log = null, string? node = null)
    {
        var logId = LogId(log);
        if (node is not null && !NodeIds.TryGetPublicKey(node, out _))
            throw ManagementProblem.BadRequest("node must be a node id: 43 characters of unpadded base64url.");
        var (entries, checkpoints) = await ReadAsync(grains, logId, cancellationToken);
        var result = AuditVerifier.Verify(entries, checkpoints, node);
        return TypedResults.Ok(AuditVerification.From(logId, entries.Count, checkpoints.Count, result));
    }

    private static async Task<FileContentHttpResult> ExportAsync(IGrainFactory grains, CancellationToken cancellationToken, string? log = null)
    {
        var logId = LogId(log);
        var (entries, checkpoints) = await ReadAsync(grains, logId, cancellationToken);
        var text = new StringBuilder();
        foreach (var entry in entries) text.Append(AuditChain.EntryLine(entry)).Append('\n');
        foreach (var checkpoint in checkpoints) text.Append(AuditChain.CheckpointLine(checkpoint)).Append('\n');
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

    /// <summary>Checkpoints first, then every entry up to the head, so a growing log never shows a checkpoint ahead of the entries read.</summary>
    private static async Task<(List<ChainEntry> Entries, List<ChainCheckpoint> Checkpoints)> ReadAsync(
        IGrainFactory grains, string logId, CancellationToken cancellationToken)
    {
        const int page = 1000;
        var grain = grains.GetGrain<IAuditLogGrain>(logId);
        var checkpoints = await grain.GetCheckpoints().WaitAsync(cancellationToken);
        var entries = new List<ChainEntry>();
        while (true)
        {
            var batch = await grain.Read(entries.Count + 1, page).WaitAsync(cancellationToken);
            entries.AddRange(batch.Select(e => new ChainEntry(e.Sequence, e.Timestamp, e.Kind, e.Actor, e.Payload, e.PreviousHash, e.Hash)));
            if (batch.Length < page) break;
        }
        return (entries, [.. checkpoints.Select(c => new ChainCheckpoint(c.LogId, c.Size, c.HeadHash, c.Timestamp, c.NodeId, c.Signature))]);
    }
}

/// <summary>What verifying an audit log found: <paramref name="Result"/> is ok, tampered, truncated or bad-signature.</summary>
/// <param name="FirstBadSequence">Tampered: the first entry that does not verify.</param>
/// <param name="HeadHash">Ok: the hash of the last entry.</param>
public sealed record AuditVerification(
    string Log, bool Ok, string Result, string Description, long Entries, int Checkpoints, string? HeadHash, long? FirstBadSequence)
{
    public static AuditVerification From(string log, long entries, int checkpoints, AuditVerificationResult result) => result switch
    {
        AuditVerificationResult.Ok ok => new(log, true, "ok", ok.Describe(), entries, checkpoints, ok.HeadHash, null),
        AuditVerificationResult.Tampered t => new(log, false, "tampered", t.Describe(), entries, checkpoints, null, t.FirstBadSequence),
        AuditVerificationResult.Truncated t => new(log, false, "truncated", t.Describe(), entries, checkpoints, null, null),
        _ => new(log, false, "bad-signature", result.Describe(), entries, checkpoints, null, null),
    };
}
