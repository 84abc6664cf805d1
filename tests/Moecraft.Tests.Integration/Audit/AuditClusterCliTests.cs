using System.Net.Http.Json;
using System.Text.Json;
using Moecraft.Audit;
using Moecraft.Client;
using Moecraft.Federation;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;
using Npgsql;

namespace Moecraft.Tests.Audit;

/// <summary>
/// <c>moecraft audit verify</c> and the <c>/moecraft/audit/verify</c> endpoint on two silo processes forming a PostgreSQL
/// cluster (as docker-compose runs them), rating each other CORE: the audit grain moves from one node to the other, so
/// its checkpoints carry both keys and the log verifies without naming any; the nodes' heartbeats carry the newest
/// checkpoint, so rows deleted from the end of the log in the database are reported as a truncation.
/// </summary>
public sealed class AuditClusterCliTests
{
    private static readonly string[] NodeArguments = ["--Moecraft:Audit:CheckpointEvery=5", "--Moecraft:Federation:HeartbeatInterval=00:00:01"];

    [Fact]
    public async Task A_log_signed_by_both_nodes_verifies_and_a_tail_deleted_in_the_database_fails_the_live_verify()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("audit_cluster_cli");
        using var data = new TempDirectory("moecraft-audit-cluster");
        var (a, b) = ("alpha", "beta");
        var silos = new Dictionary<string, SiloProcess>
        {
            [a] = await SiloProcess.StartNodeAsync(a, connectionString, data.Path, NodeArguments),
            [b] = await SiloProcess.StartNodeAsync(b, connectionString, data.Path, NodeArguments),
        };
        string[] connect = ["--connection-string", connectionString];
        var file = Path.Combine(data.Path, "export.jsonl");
        try
        {
            await using var client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { Mode = ClusterConnectionMode.AdoNet, ConnectionString = connectionString });
            foreach (var (node, other) in new[] { (a, b), (b, a) })
            {
                // Nodes of one cluster are CORE to each other by construction: no tier change, so no audit entry.
                var peer = await Eventually.Succeeds(async () => Assert.Single(await client.Cluster.GetGrain<IFederationPeerGrain>(node).GetPeers(), p => p.Name == other),
                    TimeSpan.FromSeconds(60), $"{node} knowing {other}");
                Assert.Equal(TrustTier.Core, peer.Tier);
            }

            var log = client.Cluster.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
            for (var n = 1; n <= 10; n++) await log.Append(new AuditRecord("governance.policy", "operator:alice", $"{{\"n\":{n}}}"));
            // The node hosting the log's grain stops; the grain carries on on the other, signing with that node's key.
            var address = await client.Cluster.GetGrain<IManagementGrain>(0).GetActivationAddress(log);
            var first = (await client.Cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true)).Single(h => h.SiloAddress.Equals(address)).SiloName;
            Assert.Equal(0, await silos[first].StopGracefullyAsync(TimeSpan.FromSeconds(60)));
            await silos[first].DisposeAsync();
            // The client may still pick the stopped node as its gateway until its gateway list is refreshed: a call that never
            // reached the cluster is sent again, as the SDK's own calls are (FailoverRetry).
            for (var n = 11; n <= 15; n++)
            {
                var record = new AuditRecord("governance.policy", "operator:alice", $"{{\"n\":{n}}}");
                await FailoverRetry.Default.AskAsync(() => log.Append(record));
            }
            silos[first] = await SiloProcess.StartNodeAsync(first, connectionString, data.Path, NodeArguments); // back, with its key
            var signers = (await FailoverRetry.Default.ReadAsync(() => log.GetCheckpoints())).Select(c => c.NodeId).Distinct().ToList();
            Assert.Equal(2, signers.Count);

            var verify = await DotnetCommand.CliAsync([.. connect, "audit", "verify"]);
            Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
            Assert.Contains("OK: 15 entries, 3 checkpoints", verify.Output, StringComparison.Ordinal);
            var export = await DotnetCommand.CliAsync([.. connect, "audit", "export", "--out", file]);
            Assert.True(export.ExitCode == 0, export.Output + export.Error);
            Assert.Equal(0, (await DotnetCommand.CliAsync([.. connect, "audit", "verify", "--file", file])).ExitCode);
            Assert.Equal(0, (await DotnetCommand.CliAsync("audit", "verify", "--file", file, "--node", string.Join(',', signers))).ExitCode);
            Assert.Equal(6, (await DotnetCommand.CliAsync("audit", "verify", "--file", file, "--node", signers[0])).ExitCode);

            // Heartbeats (every second) carry checkpoint 15 to the other node, which keeps it.
            await Eventually.Succeeds(async () => Assert.Single((await client.GetAuditTrustAsync()).Witnessed, c => c.Size == 15),
                TimeSpan.FromSeconds(60), "a node witnessing checkpoint 15");

            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    "DELETE FROM moecraft_audit WHERE LogId = 'cluster' AND Seq > 10; DELETE FROM moecraft_audit_checkpoint WHERE LogId = 'cluster' AND Size > 10",
                    connection);
                Assert.Equal(6, await command.ExecuteNonQueryAsync());
            }

            var truncated = await DotnetCommand.CliAsync([.. connect, "audit", "verify"]);
            Assert.True(truncated.ExitCode == 5, truncated.Output + truncated.Error);
            Assert.Contains("FAILED: TRUNCATED: the log ends at seq 10 but a checkpoint signed by node", truncated.Error, StringComparison.Ordinal);
            Assert.Contains("covers 15 entries", truncated.Error, StringComparison.Ordinal);
            using var http = new HttpClient { BaseAddress = silos[b].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var api = await http.GetFromJsonAsync<JsonElement>("/moecraft/audit/verify");
            Assert.Equal("truncated", api.GetProperty("result").GetString());
            Assert.True(api.GetProperty("witnessed").GetInt32() >= 1);
            using (var refused = await http.GetAsync(new Uri("/moecraft/audit/export", UriKind.Relative)))
                Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode); // a log that does not verify is not sealed
            Assert.Equal(5, (await DotnetCommand.CliAsync([.. connect, "audit", "export", "--out", Path.Combine(data.Path, "after.jsonl")])).ExitCode);
        }
        finally
        {
            foreach (var silo in silos.Values) await silo.DisposeAsync();
        }
    }
}
