using Moecraft.Audit.Verification;
using Moecraft.Tests.Federation.Peers;
using Moecraft.Tests.Identity;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Audit;

/// <summary><c>moecraft audit verify --file</c> offline, as a user runs it: one distinct exit code per finding, "FAILED: ..." with the reason.</summary>
public sealed class AuditCliTests
{
    public static TheoryData<string> Cases => [.. AuditTampering.Cases];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verify_of_an_export_file_exits_with_the_code_of_its_finding(string name)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "audit.jsonl");
        await File.WriteAllLinesAsync(path, AuditTampering.Lines(name));

        var run = await DotnetCommand.CliAsync("audit", "verify", "--file", path, "--node", AuditTampering.NodeId);

        var (exitCode, word) = AuditTampering.Expected(name) switch
        {
            AuditVerificationResult.Ok => (0, "OK"),
            AuditVerificationResult.Tampered => (4, "FAILED: TAMPERED"),
            AuditVerificationResult.Truncated => (5, "FAILED: TRUNCATED"),
            AuditVerificationResult.Empty => (7, "FAILED: EMPTY"),
            _ => (6, "FAILED: BAD SIGNATURE"),
        };
        Assert.True(exitCode == run.ExitCode, $"exit {run.ExitCode}, expected {exitCode}: {run.Output} {run.Error}");
        Assert.Contains(word, exitCode == 0 ? run.Output : run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_trusts_every_node_named_and_a_forger_key_only_when_named()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "audit.jsonl");
        using var a = NodeKeyFiles.Load(AuditTampering.Seed);
        using var b = FederationVectors.Outsider(9);
        var (entries, checkpoints) = TestAuditLog.Build(a, entries: 10, checkpointEvery: 5);
        await File.WriteAllLinesAsync(path, TestAuditLog.Export(entries, checkpoints, b)); // sealed on another silo

        var both = await DotnetCommand.CliAsync("audit", "verify", "--file", path, "--node", a.NodeId, "--node", b.NodeId);
        var commas = await DotnetCommand.CliAsync("audit", "verify", "--file", path, "--node", $"{a.NodeId},{b.NodeId}");
        var one = await DotnetCommand.CliAsync("audit", "verify", "--file", path, "--node", a.NodeId);

        Assert.True(both.ExitCode == 0, both.Error);
        Assert.Contains("OK: 10 entries, 2 checkpoints", both.Output, StringComparison.Ordinal);
        Assert.True(commas.ExitCode == 0, commas.Error);
        Assert.Equal(6, one.ExitCode);
        Assert.Contains($"FAILED: BAD SIGNATURE: checkpoint of size 10 (the export's seal: signed by node {b.NodeId}, which is not a trusted node", one.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_the_first_bad_sequence_and_refuses_bad_arguments()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "audit.jsonl");
        await File.WriteAllLinesAsync(path, AuditTampering.Lines("edited-payload"));

        var tampered = await DotnetCommand.CliAsync("audit", "verify", "--file", path, "--node", AuditTampering.NodeId);
        Assert.Equal(4, tampered.ExitCode);
        Assert.Contains("FAILED: TAMPERED: first bad seq 3", tampered.Error, StringComparison.Ordinal);

        var missing = await DotnetCommand.CliAsync("audit", "verify", "--file", Path.Combine(directory.Path, "absent.jsonl"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("No audit export file", missing.Error, StringComparison.Ordinal);

        var badNode = await DotnetCommand.CliAsync("audit", "verify", "--file", path, "--node", "not-a-node");
        Assert.Equal(2, badNode.ExitCode);
        Assert.Contains("'not-a-node'", badNode.Error, StringComparison.Ordinal);

        var both = await DotnetCommand.CliAsync("audit", "verify", "--file", path, "--log", "cluster");
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public async Task Without_node_ids_a_file_is_checked_against_the_cluster_keys_and_no_cluster_is_a_clear_error()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "audit.jsonl");
        await File.WriteAllLinesAsync(path, AuditTampering.Lines("intact"));

        var run = await DotnetCommand.CliAsync("--gateway-port", FreePorts.Take(1)[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "audit", "verify", "--file", path);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("to verify offline, name them with --node", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("OK", run.Output, StringComparison.Ordinal);
    }
}
