using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Identity;

/// <summary>SPEC 6: the private key lives in the key file only — never in grain state, the database or the logs.</summary>
public sealed class PrivateKeyLeakTests
{
    [Fact]
    public async Task The_private_key_appears_in_neither_the_database_nor_the_logs()
    {
        using var data = new TempDirectory("moecraft-key-leak");
        var logs = new CapturingLoggerProvider();
        string nodeId;
        await using (var cluster = await SqliteTestCluster.StartAsync(silos: 1, dataDirectory: data.Path,
                         configure: o => o.Audit.CheckpointEvery = 2,
                         configureSilo: silo => silo.Services.AddLogging(b => b.AddProvider(logs))))
        {
            var log = cluster.Client.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
            for (var n = 1; n <= 6; n++) await log.Append(new AuditRecord("kernel.commit", "operator:alice", $"{{\"n\":{n}}}"));
            nodeId = (await log.Checkpoint()).NodeId;
            Assert.Equal(3, (await log.GetCheckpoints()).Length);
            await Assert.ThrowsAsync<AuditSequenceException>(() => log.Append(new AuditRecord("kernel.commit", "operator:alice", "{}"), 1));
        }

        var keyFile = Path.Combine(data.Path, "node.key");
        var (seed, pkcs8) = NodeKeyFiles.Secrets(keyFile);
        var stored = Directory.GetFiles(data.Path).Where(f => f != keyFile).Select(File.ReadAllBytes).ToList();
        var logText = string.Join('\n', logs.Lines);

        // The searches can succeed: the node id (public) is in both places.
        Assert.Contains(stored, bytes => Contains(bytes, Encoding.ASCII.GetBytes(nodeId)));
        Assert.Contains(nodeId, logText, StringComparison.Ordinal);

        foreach (var secret in new[] { seed, pkcs8 })
        {
            var forms = new[]
            {
                Convert.ToBase64String(secret), Convert.ToBase64String(secret).TrimEnd('='), Base64Url.EncodeToString(secret),
                Convert.ToHexStringLower(secret), Convert.ToHexString(secret),
            };
            foreach (var bytes in stored)
            {
                Assert.False(Contains(bytes, secret), "raw private key bytes in the data directory");
                foreach (var form in forms) Assert.False(Contains(bytes, Encoding.ASCII.GetBytes(form)), $"private key ({form.Length} chars) in the data directory");
            }
            foreach (var form in forms) Assert.DoesNotContain(form, logText, StringComparison.Ordinal);
            Assert.DoesNotContain(Encoding.Latin1.GetString(secret), logText, StringComparison.Ordinal);
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
