using System.Globalization;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Governance;

/// <summary>The governance commands of the CLI against the real host process, across a restart.</summary>
public sealed class GovernanceCliTests
{
    [Fact]
    public async Task Policy_halt_resume_and_journal_through_the_cli_and_a_halt_outlives_a_restart()
    {
        using var data = new TempDirectory("moecraft-governance-cli");
        var ports = FreePorts.Take(3);

        await using (var silo = await SiloProcess.StartAsync(data.Path, ports))
        {
            var port = silo.GatewayPort.ToString(CultureInfo.InvariantCulture);
            var shown = await Cli(port, "policy");
            Assert.Contains("0 (built-in default)", shown.Output);
            Assert.Contains("dry-run", shown.Output);
            Assert.Contains("running", shown.Output);

            var set = await Cli(port, "policy", "set", "--lifecycle", "apply-prune", "--max-experts", "16", "--actor", "alice");
            Assert.Contains("Policy version 1 set by alice: max experts per router 4096 -> 16; lifecycle dry-run -> apply-prune", set.Output);
            var bad = await DotnetCommand.CliAsync("--gateway-port", port, "policy", "set", "--lifecycle", "yolo");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("dry-run, apply-prune or apply-all", bad.Error);

            var halted = await Cli(port, "halt", "--reason", "maintenance window", "--actor", "bob");
            Assert.Contains("by bob: maintenance window", halted.Output);
            var refused = await DotnetCommand.CliAsync("--gateway-port", port, "ask", "Are you there?");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("The cluster is halted", refused.Error);
            Assert.Contains("maintenance window", refused.Error);
            Assert.Equal(0, await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
        }

        await using (var silo = await SiloProcess.StartAsync(data.Path, ports))
        {
            var port = silo.GatewayPort.ToString(CultureInfo.InvariantCulture);
            var shown = await Cli(port, "policy", "--history");
            Assert.Contains("HALTED", shown.Output);
            Assert.Contains("apply-prune", shown.Output);
            Assert.Contains("Halted by bob: maintenance window", shown.Output);
            var refused = await DotnetCommand.CliAsync("--gateway-port", port, "ask", "Still halted?");
            Assert.Equal(1, refused.ExitCode);

            await Cli(port, "resume", "--actor", "bob");
            var answered = await Cli(port, "ask", "Back again?");
            Assert.Contains("[simulated ", answered.Output);

            var journal = await Cli(port, "journal", "--day", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Contains("policy", journal.Output);
            Assert.Contains("halt", journal.Output);
            Assert.Contains("resume", journal.Output);
            Assert.Contains("Resumed by bob", journal.Output);
            var badDay = await DotnetCommand.CliAsync("--gateway-port", port, "journal", "--day", "14.03.2026");
            Assert.Equal(2, badDay.ExitCode);
            Assert.Equal(0, await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
        }
    }

    private static async Task<DotnetCommand.Result> Cli(string port, params string[] arguments)
    {
        var run = await DotnetCommand.CliAsync(["--gateway-port", port, .. arguments]);
        Assert.True(run.ExitCode == 0, $"moecraft {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Error}");
        return run;
    }
}
