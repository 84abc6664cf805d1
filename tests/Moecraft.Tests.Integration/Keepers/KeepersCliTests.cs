using System.Globalization;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Keepers;

/// <summary><c>moecraft keepers</c> against the real host process: the seeded router's keepers, their epochs, and bad input.</summary>
public sealed class KeepersCliTests
{
    [Fact]
    public async Task The_cli_shows_the_three_keepers_with_the_seeded_rosters_epochs_and_refuses_bad_commands()
    {
        using var data = new TempDirectory("moecraft-keepers-cli");
        await using var silo = await SiloProcess.StartAsync(data.Path, FreePorts.Take(3));
        var port = silo.GatewayPort.ToString(CultureInfo.InvariantCulture);

        // Seeding registers four experts: four roster edits, each an epoch boundary the mid keeper records.
        var shown = await Eventually.Succeeds(async () =>
        {
            var run = await DotnetCommand.CliAsync("--gateway-port", port, "keepers");
            return run.ExitCode == 0 && run.Output.Contains("joined slot", StringComparison.Ordinal) ? run : throw new InvalidOperationException(run.Output + run.Error);
        }, TimeSpan.FromSeconds(30), "the keepers table with an epoch event");
        Assert.Contains("temporal keepers", shown.Output);
        foreach (var clock in new[] { "fast", "mid", "slow" }) Assert.Contains(clock, shown.Output);
        Assert.Contains("epoch", shown.Output);

        var unknown = await DotnetCommand.CliAsync("--gateway-port", port, "keepers", "--commit", "0123456789abcdef", "--clock", "slow");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("has no proposal '0123456789abcdef'", unknown.Error);
        var noClock = await DotnetCommand.CliAsync("--gateway-port", port, "keepers", "--compensate", "1", "--reason", "test");
        Assert.Equal(2, noClock.ExitCode);
        Assert.Contains("--clock", noClock.Error);
        var noEvent = await DotnetCommand.CliAsync("--gateway-port", port, "keepers", "--compensate", "99", "--clock", "slow", "--reason", "test");
        Assert.Equal(1, noEvent.ExitCode);
        Assert.Contains("no committed event 99", noEvent.Error);
        Assert.Equal(0, await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
    }
}
