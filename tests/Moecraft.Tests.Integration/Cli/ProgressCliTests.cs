using System.Globalization;
using Moecraft.Experts;
using Moecraft.Tests.Api.Management;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Cli;

/// <summary>
/// Progress of long CLI work (audit export and verify) goes to standard error and only to a terminal: output that is
/// redirected holds the command's result lines and nothing else, and forced progress leaves standard output as it was.
/// </summary>
[Collection(ManagementSiloCollection.Name)]
public sealed class ProgressCliTests(ManagementSilo silo) : IDisposable
{
    private readonly TempDirectory _files = new("moecraft-progress-cli");

    private string Port => silo.Silo.GatewayPort.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Redirected_audit_export_and_verify_print_their_result_lines_and_nothing_else()
    {
        await AuditSomethingAsync();
        var file = Path.Combine(_files.Path, "cluster.jsonl");

        var export = await Cli(["--gateway-port", Port, "audit", "export", "--out", file]);
        var exported = Lines(export.Output);
        Assert.Equal(2, exported.Count);
        Assert.StartsWith("Exported audit log 'cluster': ", exported[0], StringComparison.Ordinal);
        Assert.StartsWith("To verify it without the cluster: moecraft audit verify --file ", exported[1], StringComparison.Ordinal);
        Assert.Equal("", export.Error);

        var live = await Cli(["--gateway-port", Port, "audit", "verify"]);
        Assert.StartsWith("OK: ", Assert.Single(Lines(live.Output)), StringComparison.Ordinal);
        Assert.Equal("", live.Error);

        var offline = await Cli(["audit", "verify", "--file", file, "--node", NodeIds(exported[1])]);
        Assert.StartsWith("OK: ", Assert.Single(Lines(offline.Output)), StringComparison.Ordinal);
        Assert.Equal("", offline.Error);
        Assert.DoesNotContain('\u001b', export.Output + live.Output + offline.Output);
    }

    [Fact]
    public async Task Forced_progress_is_drawn_on_standard_error_and_leaves_standard_output_as_it_was()
    {
        await AuditSomethingAsync();
        var file = Path.Combine(_files.Path, "forced.jsonl");
        var export = await Cli(["--gateway-port", Port, "audit", "export", "--out", file], progress: "always");
        Assert.Contains("Writing forced.jsonl", export.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', export.Output);
        string[] verify = ["audit", "verify", "--file", file, "--node", NodeIds(Lines(export.Output)[1])];

        var plain = await Cli(verify);
        var drawn = await Cli(verify, progress: "always");
        var hidden = await Cli(verify, progress: "never");

        Assert.Equal(plain.Output, drawn.Output);
        Assert.Equal(plain.Output, hidden.Output);
        Assert.Contains("Verifying forced.jsonl", drawn.Error, StringComparison.Ordinal);
        Assert.Contains('\u001b', drawn.Error);
        Assert.Equal("", plain.Error);
        Assert.Equal("", hidden.Error);
    }

    public void Dispose() => _files.Dispose();

    /// <summary>An expert cooled and restored: two entries, so the cluster log is not empty whichever test runs first.</summary>
    private async Task AuditSomethingAsync()
    {
        var expertId = TestExperts.UniqueId("progress");
        await silo.Client.Cluster.GetGrain<IExpertGrain>(expertId).Register(TestExperts.Simulated(expertId));
        await silo.Client.SetExpertStatusAsync(expertId, ExpertStatus.Cooling, "progress-test");
        await silo.Client.SetExpertStatusAsync(expertId, ExpertStatus.Active, "progress-test");
    }

    private static async Task<DotnetCommand.Result> Cli(string[] arguments, string? progress = null)
    {
        var environment = new Dictionary<string, string>();
        if (progress is not null) environment["MOECRAFT_PROGRESS"] = progress;
        var run = await DotnetCommand.RunAsync([RepositoryPaths.CliAssembly, .. arguments], TimeSpan.FromSeconds(60), environment);
        Assert.True(run.ExitCode == 0, $"moecraft {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Error}");
        return run;
    }

    private static List<string> Lines(string output) =>
        [.. output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];

    // "... --node ID1,ID2" at the end of export's second line.
    private static string NodeIds(string hint) => hint[(hint.LastIndexOf(' ') + 1)..];
}
