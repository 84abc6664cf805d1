using Moecraft.Audit.Verification;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Audit;

/// <summary><c>moecraft audit verify --file</c> as a user runs it: one distinct exit code per finding.</summary>
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
            AuditVerificationResult.Tampered => (4, "TAMPERED"),
            AuditVerificationResult.Truncated => (5, "TRUNCATED"),
            _ => (6, "BAD SIGNATURE"),
        };
        Assert.True(exitCode == run.ExitCode, $"exit {run.ExitCode}, expected {exitCode}: {run.Output} {run.Error}");
        Assert.Contains(word, exitCode == 0 ? run.Output : run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_the_first_bad_sequence_and_refuses_bad_arguments()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "audit.jsonl");
        await File.WriteAllLinesAsync(path, AuditTampering.Lines("edited-payload"));

        var tampered = await DotnetCommand.CliAsync("audit", "verify", "--file", path);
        Assert.Equal(4, tampered.ExitCode);
        Assert.Contains("first bad seq 3", tampered.Error, StringComparison.Ordinal);

        var missing = await DotnetCommand.CliAsync("audit", "verify", "--file", Path.Combine(directory.Path, "absent.jsonl"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("No audit export file", missing.Error, StringComparison.Ordinal);

        var badNode = await DotnetCommand.CliAsync("audit", "verify", "--file", path, "--node", "not-a-node");
        Assert.Equal(2, badNode.ExitCode);

        var both = await DotnetCommand.CliAsync("audit", "verify", "--file", path, "--log", "cluster");
        Assert.Equal(2, both.ExitCode);
    }
}
