using Microsoft.Data.Sqlite;
using Moecraft.Audit;
using Moecraft.Client;
using Moecraft.Tests.Host;
using Moecraft.Tests.Identity;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Audit;

/// <summary>
/// The real host process and <c>moecraft audit verify</c> / <c>export</c> against it through its gateway, as a user runs
/// them; a row edited in the database behind the silo's back is reported as tampering. (The in-process test cluster
/// has no TCP gateway, so this needs the real host.)
/// </summary>
public sealed class AuditLiveCliTests
{
    [Fact]
    public async Task Live_verify_and_export_then_a_database_edit_is_reported_as_tampering()
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

        var verify = await DotnetCommand.CliAsync("--gateway-port", port, "audit", "verify", "--node", nodeId);
        var export = await DotnetCommand.CliAsync("--gateway-port", port, "audit", "export", "--out", file);
        var verifyFile = await DotnetCommand.CliAsync("audit", "verify", "--file", file, "--node", nodeId);

        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Contains("OK: 4 entries, 1 checkpoints", verify.Output, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.Equal(5, File.ReadAllLines(file).Length);
        Assert.True(verifyFile.ExitCode == 0, verifyFile.Output + verifyFile.Error);

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

        var tampered = await DotnetCommand.CliAsync("--gateway-port", port, "audit", "verify");
        Assert.True(tampered.ExitCode == 4, tampered.Output + tampered.Error);
        Assert.Contains("first bad seq 2", tampered.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await DotnetCommand.CliAsync("audit", "verify", "--file", file)).ExitCode); // the earlier export still holds the truth
        Assert.Equal(0, await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
    }
}
