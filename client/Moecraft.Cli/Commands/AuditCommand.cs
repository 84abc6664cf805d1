using System.CommandLine;
using System.Text;
using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Client;
using Moecraft.Identity;

namespace Moecraft.Cli.Commands;

/// <summary>
/// <c>moecraft audit verify</c> and <c>moecraft audit export</c>: check a hash-chained audit log and its signed
/// checkpoints (SPEC 5.4), live through the client SDK or offline from an export file (JSON lines).
/// </summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "Verify or export a hash-chained audit log.") { CreateVerify(), CreateExport() };

    private static Command CreateVerify()
    {
        var log = LogOption();
        var file = new Option<string>("--file") { Description = "Verify this export file (JSON lines) instead of the live log; needs no cluster.", HelpName = "path" };
        var node = new Option<string>("--node") { Description = "Trust only checkpoints signed by this node id.", HelpName = "node-id" };
        node.Validators.Add(result =>
        {
            if (!NodeIds.TryGetPublicKey(result.GetValueOrDefault<string>(), out _)) result.AddError("--node must be a node id: 43 characters of unpadded base64url.");
        });
        var command = new Command("verify", "Verify an audit log: exit 0 OK, 4 tampered, 5 truncated, 6 bad checkpoint signature.") { log, file, node };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var trusted = parseResult.GetValue(node);
            if (parseResult.GetValue(file) is { } path)
            {
                if (parseResult.GetResult(log) is { Implicit: false })
                {
                    CliErrors.Write("--log names a live log; an export file holds one log already. Give --log or --file, not both.");
                    return Task.FromResult(ExitCodes.Usage);
                }
                return Task.FromResult(VerifyFile(path, trusted));
            }
            return CommandRunner.RunAsync(parseResult, cancellationToken, async (client, _, ct) =>
            {
                var export = await client.ExportAuditAsync(parseResult.GetRequiredValue(log), ct);
                return Report(AuditVerifier.Verify(ToChain(export.Entries), ToChain(export.Checkpoints), trusted));
            });
        });
        return command;
    }

    private static Command CreateExport()
    {
        var log = LogOption();
        var output = new Option<string>("--out") { Description = "File to write (JSON lines: entries in order, then checkpoints).", HelpName = "path", Required = true };
        var command = new Command("export", "Export an audit log and its checkpoints as JSON lines, for 'audit verify --file'.") { log, output };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken, async (client, _, ct) =>
        {
            var export = await client.ExportAuditAsync(parseResult.GetRequiredValue(log), ct);
            var path = Path.GetFullPath(parseResult.GetRequiredValue(output));
            // Written beside the target and moved into place, so a failed export never leaves half a file under the name.
            var temp = path + ".partial";
            try
            {
                await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
                {
                    foreach (var entry in ToChain(export.Entries)) await writer.WriteLineAsync(AuditChain.EntryLine(entry).AsMemory(), ct);
                    foreach (var checkpoint in ToChain(export.Checkpoints)) await writer.WriteLineAsync(AuditChain.CheckpointLine(checkpoint).AsMemory(), ct);
                }
                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                File.Delete(temp);
                throw;
            }
            Console.Out.WriteLine($"Exported audit log '{export.LogId}': {export.Entries.Count} entries, {export.Checkpoints.Count} checkpoints to {path}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Option<string> LogOption()
    {
        var log = new Option<string>("--log") { Description = $"Audit log id (default: {AuditLogs.Cluster}).", HelpName = "id", DefaultValueFactory = _ => AuditLogs.Cluster };
        log.Validators.Add(result =>
        {
            try
            {
                AuditChain.ValidateLogId(result.GetValueOrDefault<string>());
            }
            catch (ArgumentException ex)
            {
                result.AddError(ex.Message);
            }
        });
        return log;
    }

    private static int VerifyFile(string path, string? trusted)
    {
        if (!File.Exists(path))
        {
            CliErrors.Write($"No audit export file at '{Path.GetFullPath(path)}'.");
            return ExitCodes.Usage;
        }
        try
        {
            return Report(AuditVerifier.VerifyLines(AuditVerifier.ReadLines(path), trusted));
        }
        catch (DecoderFallbackException)
        {
            return Report(new AuditVerificationResult.Tampered(1, "the file is not valid UTF-8"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            CliErrors.Write($"Cannot read '{Path.GetFullPath(path)}': {ex.Message}");
            return ExitCodes.Usage;
        }
    }

    private static int Report(AuditVerificationResult result)
    {
        if (result is AuditVerificationResult.Ok)
        {
            Console.Out.WriteLine(result.Describe());
            return ExitCodes.Success;
        }
        CliErrors.Write(result.Describe());
        return result switch
        {
            AuditVerificationResult.Tampered => ExitCodes.AuditTampered,
            AuditVerificationResult.Truncated => ExitCodes.AuditTruncated,
            _ => ExitCodes.AuditBadSignature,
        };
    }

    private static List<ChainEntry> ToChain(IEnumerable<AuditEntry> entries) =>
        entries.Select(e => new ChainEntry(e.Sequence, e.Timestamp, e.Kind, e.Actor, e.Payload, e.PreviousHash, e.Hash)).ToList();

    private static List<ChainCheckpoint> ToChain(IEnumerable<AuditCheckpoint> checkpoints) =>
        checkpoints.Select(c => new ChainCheckpoint(c.LogId, c.Size, c.HeadHash, c.Timestamp, c.NodeId, c.Signature)).ToList();
}
