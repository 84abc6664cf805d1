using Microsoft.Data.Sqlite;
using Moecraft.Audit;
using Moecraft.Client;
using Moecraft.Tests.Federation.Peers;
using Moecraft.Tests.Host;
using Moecraft.Tests.Identity;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Audit;

/// <summary>
/// The real host process and <c>moecraft audit verify</c> / <c>export</c> against it through its gateway, as a user runs
/// them: the node's own key is trusted without naming it and any other is not; an export ends with its seal, so a copy
/// cut with <c>head</c> anywhere fails; an unknown log is an error; a row edited in the database behind the silo's back
/// is reported as tampering and is not exported. (The in-process test cluster has no TCP gateway, so this needs the real host.)
/// </summary>
public sealed class AuditLiveCliTests
{
    [Fact]
    public async Task Live_verify_and_export_then_cut_files_unknown_logs_and_a_database_edit_are_reported()
    {
        using var data = new TempDirectory("moecraft-audit-cli");
        var file = Path.Combine(data.Path, "export.jsonl");
        await using var silo = await SiloProcess.StartAsync(data.Path, FreePorts.Take(3), "--Moecraft:Seed:Enabled=false");
        var port = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        string nodeId;
        await using (var client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [silo.GatewayPort] }))
        {
            var log = client.Cluster.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
            for (var n = 1; n <= 4; n++) await log.Append(new AuditRecord("governance.policy", "operator:alice", $"{{\"n\":{n}}}"), n);
            nodeId = (await log.Checkpoint()).NodeId;
        }
        using var forger = FederationVectors.Outsider(77);

        var verify = await Cli(port, "audit", "verify");
        var untrusted = await Cli(port, "audit", "verify", "--node", forger.NodeId);
        var export = await Cli(port, "audit", "export", "--out", file);
        var offline = await DotnetCommand.CliAsync("audit", "verify", "--file", file, "--node", nodeId);
        var withClusterKeys = await Cli(port, "audit", "verify", "--file", file);

        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Contains("OK: 4 entries, 1 checkpoints", verify.Output, StringComparison.Ordinal);
        Assert.Equal(6, untrusted.ExitCode);
        Assert.Contains($"FAILED: BAD SIGNATURE: checkpoint of size 4 (signed by node {nodeId}, which is not a trusted node", untrusted.Error, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.Contains($"sealed by node {nodeId}", export.Output, StringComparison.Ordinal);
        Assert.Contains($"--node {nodeId}", export.Output, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(6, lines.Length); // 4 entries, the checkpoint after entry 4, the seal
        Assert.Contains("\"type\":\"moecraft.audit.export.v1\"", lines[^1], StringComparison.Ordinal);
        Assert.True(offline.ExitCode == 0, offline.Output + offline.Error);
        Assert.True(withClusterKeys.ExitCode == 0, withClusterKeys.Output + withClusterKeys.Error);

        // A copy cut with head at any line is reported (nothing left: exit 7; a cut: exit 5), and so is a forger's key.
        var cut = Path.Combine(data.Path, "cut.jsonl");
        foreach (var kept in new[] { 0, 2, 5 })
        {
            await File.WriteAllLinesAsync(cut, lines[..kept]);
            var run = await DotnetCommand.CliAsync("audit", "verify", "--file", cut, "--node", nodeId);
            Assert.True(run.ExitCode == (kept == 0 ? 7 : 5), $"head -n {kept}: exit {run.ExitCode}: {run.Output} {run.Error}");
            Assert.Contains(kept == 0 ? "FAILED: EMPTY" : "FAILED: TRUNCATED", run.Error, StringComparison.Ordinal);
        }
        Assert.Equal(6, (await DotnetCommand.CliAsync("audit", "verify", "--file", file, "--node", forger.NodeId)).ExitCode);

        // A log nobody wrote is an error, not "OK: 0 entries", and is not exported.
        var unknown = await Cli(port, "audit", "verify", "--log", "no-such-log");
        Assert.Equal(7, unknown.ExitCode);
        Assert.Contains("FAILED: EMPTY", unknown.Error, StringComparison.Ordinal);
        var unknownExport = await Cli(port, "audit", "export", "--log", "no-such-log", "--out", Path.Combine(data.Path, "none.jsonl"));
        Assert.Equal(7, unknownExport.ExitCode);
        Assert.False(File.Exists(Path.Combine(data.Path, "none.jsonl")));

        // The real host made its key file (0600) in the data directory and logged the node id, never the key.
        var keyFile = Path.Combine(data.Path, "node.key");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Contains(nodeId, silo.Output, StringComparison.Ordinal);
        var (seed, _) = NodeKeyFiles.Secrets(keyFile);
        Assert.DoesNotContain(Convert.ToBase64String(seed), silo.Output, StringComparison.Ordinal);

        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(data.Path, "moecraft.db"), DefaultTimeout = 30 }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE moecraft_audit SET Payload = '{\"n\":20}' WHERE LogId = 'cluster' AND Seq = 2";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var tampered = await Cli(port, "audit", "verify");
        Assert.True(tampered.ExitCode == 4, tampered.Output + tampered.Error);
        Assert.Contains("FAILED: TAMPERED: first bad seq 2", tampered.Error, StringComparison.Ordinal);
        var refused = await Cli(port, "audit", "export", "--out", Path.Combine(data.Path, "tampered.jsonl"));
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("Nothing was exported", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "tampered.jsonl")));
        Assert.Equal(0, (await DotnetCommand.CliAsync("audit", "verify", "--file", file, "--node", nodeId)).ExitCode); // the earlier export still holds the truth
        Assert.Equal(0, await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
    }

    private static Task<DotnetCommand.Result> Cli(string port, params string[] arguments) => DotnetCommand.CliAsync(["--gateway-port", port, .. arguments]);
}
