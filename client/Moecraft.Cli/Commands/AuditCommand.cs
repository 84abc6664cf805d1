using System.CommandLine;
using System.Text;
using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Client;
using Moecraft.Identity;

namespace Moecraft.Cli.Commands;

/// <summary>
/// <c>moecraft audit verify</c> and <c>moecraft audit export</c>: check a hash-chained audit log against the signatures
/// of the nodes the cluster knows (SPEC 5.4), live through the client SDK (with the checkpoints its peers witnessed) or
/// from an export file (JSON lines ending in a seal signed at export time), offline when the trusted node ids are named.
/// </summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "Verify or export a hash-chained audit log.") { CreateVerify(), CreateExport() };

    private static Command CreateVerify()
    {
        var log = LogOption();
        var file = new Option<string>("--file") { Description = "Verify this export file (JSON lines) instead of the live log.", HelpName = "path" };
        var node = new Option<string[]>("--node")
        {
            Description = "Trust only checkpoints signed by these node ids (repeat it, or separate with commas). Without it, the node keys the cluster knows; "
                + "with it, --file needs no cluster.",
            HelpName = "node-id",
        };
        node.Validators.Add(result =>
        {
            foreach (var id in Split(result.GetValueOrDefault<string[]>()))
                if (!NodeIds.TryGetPublicKey(id, out _)) result.AddError($"--node must be node ids: 43 characters of unpadded base64url each; got '{id}'.");
        });
        var command = new Command("verify", "Verify an audit log: exit 0 OK, 4 tampered, 5 truncated or cut, 6 bad or untrusted signature, 7 empty or unknown log.")
        {
            log, file, node,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var named = Split(parseResult.GetValue(node));
            IReadOnlyCollection<string>? trusted = named.Count > 0 ? named : null;
            if (parseResult.GetValue(file) is { } path)
            {
                if (parseResult.GetResult(log) is { Implicit: false })
                {
                    CliErrors.Write("--log names a live log; an export file holds one log already. Give --log or --file, not both.");
                    return ExitCodes.Usage;
                }
                if (!File.Exists(path))
                {
                    CliErrors.Write($"No audit export file at '{Path.GetFullPath(path)}'.");
                    return ExitCodes.Usage;
                }
                if (trusted is not null) return await VerifyFileAsync(path, trusted);
                var exit = await CommandRunner.RunAsync(parseResult, cancellationToken, async (client, _, ct) =>
                    await VerifyFileAsync(path, (await client.GetAuditTrustAsync(cancellationToken: ct)).NodeIds));
                if (exit == ExitCodes.Unreachable)
                    CliErrors.Write("Without --node, 'audit verify --file' asks the cluster which node keys to trust; to verify offline, name them with --node.");
                return exit;
            }
            return await CommandRunner.RunAsync(parseResult, cancellationToken, async (client, _, ct) =>
                Report(await CliProgress.RunAsync(async progress =>
                {
                    var export = await ReadAsync(client, parseResult.GetRequiredValue(log), progress, ct);
                    return VerifyLive(export, trusted ?? export.Trust.NodeIds, progress);
                })));
        });
        return command;
    }

    private static Command CreateExport()
    {
        var log = LogOption();
        var output = new Option<string>("--out")
        {
            Description = "File to write (JSON lines: entries in order, each checkpoint after its entry, and a seal signed now last).", HelpName = "path", Required = true,
        };
        var command = new Command("export", "Verify an audit log and export it, sealed, as JSON lines for 'audit verify --file'.") { log, output };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken, async (client, _, ct) =>
        {
            var path = Path.GetFullPath(parseResult.GetRequiredValue(output));
            var (export, verified, seal) = await CliProgress.RunAsync(async progress =>
            {
                var export = await ReadAsync(client, parseResult.GetRequiredValue(log), progress, ct);
                // The seal vouches for everything above it: a log that does not verify is not sealed.
                var verified = VerifyLive(export, export.Trust.NodeIds, progress);
                if (verified is not AuditVerificationResult.Ok) return (export, verified, (AuditExportSeal?)null);
                var sealing = progress.Start("Sealing the export");
                var seal = await client.SealAuditExportAsync(export, ct);
                sealing.Complete();
                await WriteExportAsync(path, export, seal, progress, ct);
                return (export, verified, seal);
            });
            if (seal is null)
            {
                CliErrors.Write($"FAILED: {verified.Describe()} Nothing was exported: an export is sealed only when the log verifies.");
                return ExitCode(verified);
            }
            Console.Out.WriteLine($"Exported audit log '{export.LogId}': {export.Entries.Count} entries, {export.Checkpoints.Count} checkpoints, "
                + $"sealed by node {seal.NodeId}, to {path}.");
            Console.Out.WriteLine($"To verify it without the cluster: moecraft audit verify --file {path} --node {string.Join(',', export.Trust.NodeIds)}");
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

    private static List<string> Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    /// <summary>Reads the whole log (trust, checkpoints, entries), showing the entries read out of the log's size.</summary>
    private static async Task<AuditExport> ReadAsync(MoecraftClient client, string logId, CliProgress progress, CancellationToken ct)
    {
        var reading = progress.Start($"Reading audit log '{logId}'");
        var export = await client.ExportAuditAsync(logId, ct, reading.Follow<AuditReadProgress>(p => (p.Read, p.Total)));
        reading.Complete();
        return export;
    }

    private static AuditVerificationResult VerifyLive(AuditExport export, IReadOnlyCollection<string> trusted, CliProgress progress)
    {
        var verifying = progress.Start($"Verifying {export.Entries.Count:N0} entries");
        var result = AuditVerifier.Verify(ToChain(export.Entries), ToChain(export.SignedCheckpoints), trusted);
        verifying.Complete();
        return result;
    }

    // Written beside the target and moved into place, so a failed export never leaves half a file under the name.
    private static async Task WriteExportAsync(string path, AuditExport export, AuditExportSeal seal, CliProgress progress, CancellationToken ct)
    {
        var writing = progress.Start($"Writing {Path.GetFileName(path)}", export.Entries.Count + export.Checkpoints.Count + 1);
        var temp = path + ".partial";
        try
        {
            await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                var written = 0L;
                foreach (var line in AuditExportFile.Lines(ToChain(export.Entries), ToChain(export.Checkpoints), ToChain(seal)))
                {
                    await writer.WriteLineAsync(line.AsMemory(), ct);
                    writing.Report(++written);
                }
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        writing.Complete();
    }

    private static async Task<int> VerifyFileAsync(string path, IReadOnlyCollection<string> trusted)
    {
        try
        {
            return Report(await CliProgress.RunAsync(progress => Task.FromResult(VerifyFile(path, trusted, progress))));
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

    // Progress by bytes read (UTF-8 and a newline per line), out of the file's length.
    private static AuditVerificationResult VerifyFile(string path, IReadOnlyCollection<string> trusted, CliProgress progress)
    {
        var verifying = progress.Start($"Verifying {Path.GetFileName(path)}", new FileInfo(path).Length);
        var read = 0L;
        var result = AuditVerifier.VerifyLines(Counted(AuditVerifier.ReadLines(path), line => verifying.Report(read += Encoding.UTF8.GetByteCount(line) + 1)), trusted);
        verifying.Complete();
        return result;
    }

    private static IEnumerable<string> Counted(IEnumerable<string> lines, Action<string> seen)
    {
        foreach (var line in lines)
        {
            seen(line);
            yield return line;
        }
    }

    private static int Report(AuditVerificationResult result)
    {
        if (result is AuditVerificationResult.Ok)
        {
            Console.Out.WriteLine(result.Describe());
            return ExitCodes.Success;
        }
        CliErrors.Write($"FAILED: {result.Describe()}");
        return ExitCode(result);
    }

    private static int ExitCode(AuditVerificationResult result) => result switch
    {
        AuditVerificationResult.Ok => ExitCodes.Success,
        AuditVerificationResult.Tampered => ExitCodes.AuditTampered,
        AuditVerificationResult.Truncated => ExitCodes.AuditTruncated,
        AuditVerificationResult.Empty => ExitCodes.AuditEmpty,
        _ => ExitCodes.AuditBadSignature,
    };

    private static List<ChainEntry> ToChain(IEnumerable<AuditEntry> entries) =>
        entries.Select(e => new ChainEntry(e.Sequence, e.Timestamp, e.Kind, e.Actor, e.Payload, e.PreviousHash, e.Hash)).ToList();

    private static List<ChainCheckpoint> ToChain(IEnumerable<AuditCheckpoint> checkpoints) =>
        checkpoints.Select(c => new ChainCheckpoint(c.LogId, c.Size, c.HeadHash, c.Timestamp, c.NodeId, c.Signature)).ToList();

    private static ChainCheckpoint ToChain(AuditExportSeal seal) => new(seal.LogId, seal.Size, seal.HeadHash, seal.Timestamp, seal.NodeId, seal.Signature);
}
