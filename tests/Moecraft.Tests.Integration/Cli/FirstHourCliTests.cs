using System.Globalization;
using System.Text.RegularExpressions;
using Moecraft.Tests.Api.Management;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Cli;

/// <summary>
/// A new user's first hour with <c>moecraft</c> against the real silo process: several experts' answers, a table that
/// fits the terminal, whole node ids, a repeated halt, and failures in plain words.
/// </summary>
[Collection(ManagementSiloCollection.Name)]
public sealed partial class FirstHourCliTests(ManagementSilo silo)
{
    private string Port => silo.Silo.GatewayPort.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Ask_with_two_experts_shows_both_answers_and_totals_over_the_same_two()
    {
        var run = await Cli("ask", "How do routers pick experts?", "-k", "2");

        Assert.Contains("Coordinated answer (consensus of 2 experts), from ", run.Output);
        Assert.Contains("Other answer, from ", run.Output);
        Assert.Equal(2, Regex.Matches(run.Output, @"\[simulated ").Count);

        // One line per expert, their total, and the summary lines all describe the same two answers.
        var perExpert = ExpertLine().Matches(run.Output).Select(m => (In: Number(m.Groups["in"]), Out: Number(m.Groups["out"]), Cost: decimal.Parse(m.Groups["cost"].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(2, perExpert.Count);
        var total = TotalLine().Match(run.Output);
        Assert.True(total.Success, run.Output);
        Assert.Equal(perExpert.Sum(e => e.In), Number(total.Groups["in"]));
        Assert.Equal(perExpert.Sum(e => e.Out), Number(total.Groups["out"]));
        var (tokensIn, tokensOut) = (perExpert.Sum(e => e.In).ToString("N0", CultureInfo.InvariantCulture), perExpert.Sum(e => e.Out).ToString("N0", CultureInfo.InvariantCulture));
        Assert.Matches($@"tokens\s+{Regex.Escape(tokensIn)} in, {Regex.Escape(tokensOut)} out over 2 answers", run.Output);
        Assert.Matches($@"cost\s+{Regex.Escape(perExpert.Sum(e => e.Cost).ToString("0.000000", CultureInfo.InvariantCulture))} over 2 answers", run.Output);
        Assert.Contains("(chosen)", run.Output);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task Experts_fits_the_terminal_and_says_which_columns_it_left_out(int columns)
    {
        var run = await DotnetCommand.CliAsync(columns, "--gateway-port", Port, "experts");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, line => Assert.True(line.Length <= columns, $"{line.Length} columns: {line}"));
        var experts = await silo.Client.ListExpertsAsync();
        Assert.All(experts, e => Assert.Contains(e.Expert.Definition.Id, run.Output));
        Assert.Contains("Status", run.Output);
        Assert.Contains("Cost", run.Output);
        Assert.Contains($"Left out to fit {columns} columns:", run.Output);
    }

    [Fact]
    public async Task Experts_shows_every_column_when_the_terminal_is_wide_enough()
    {
        var run = await DotnetCommand.CliAsync(200, "--gateway-port", Port, "experts");

        Assert.Contains("Tokens out", run.Output);
        Assert.Contains("Mean latency", run.Output);
        Assert.DoesNotContain("Left out", run.Output);
    }

    [Fact]
    public async Task Peers_shows_the_whole_node_id()
    {
        var table = Assert.Single(await silo.Client.GetPeersAsync());

        var run = await Cli("peers");

        Assert.Contains($"Node {table.Node} (node id {table.NodeId}): ", run.Output);
        Assert.Equal(43, table.NodeId.Length);
    }

    [Fact]
    public async Task A_second_halt_says_the_cluster_is_already_halted_and_keeps_the_first_reason()
    {
        // A governance of its own: no router obeys it, so the other tests of the shared silo keep working.
        string[] governance = ["--governance", "first-hour-cli"];
        try
        {
            var first = await Cli(["halt", "--reason", "first reason", "--actor", "alice", .. governance]);
            Assert.Contains("Halted since ", first.Output);
            Assert.Contains("by alice: first reason", first.Output);

            // One sentence, however the terminal wraps it.
            var second = OneLine((await Cli(["halt", "--reason", "second reason", "--actor", "bob", .. governance])).Output);
            Assert.Contains("The cluster is already halted, since ", second);
            Assert.Contains("by alice: first reason", second);
            Assert.Contains("'second reason' was not recorded", second);
            Assert.Contains("run 'moecraft resume' first", second);

            var shown = await Cli(["policy", .. governance]);
            Assert.Contains("first reason", shown.Output);
            Assert.DoesNotContain("second reason", shown.Output);
        }
        finally
        {
            var resumed = await Cli(["resume", .. governance]);
            Assert.Contains("Resumed: routers accept new work (halted since ", resumed.Output);
        }
        Assert.Contains("was not halted", (await Cli(["resume", .. governance])).Output);
    }

    [Fact]
    public async Task An_unconfigured_tenant_is_named_with_what_to_do_and_no_exception_type()
    {
        var run = await DotnetCommand.CliAsync("--gateway-port", Port, "ask", "hello", "--tenant", "nobody-configured-this");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Tenant 'nobody-configured-this' is not configured.", run.Error);
        Assert.Contains("moecraft tenants create nobody-configured-this --budget", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
    }

    private async Task<DotnetCommand.Result> Cli(params string[] arguments)
    {
        var run = await DotnetCommand.CliAsync(["--gateway-port", Port, .. arguments]);
        Assert.True(run.ExitCode == 0, $"moecraft {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Error}");
        return run;
    }

    private static string OneLine(string text) => Regex.Replace(text, @"\s+", " ");

    private static long Number(Group group) => long.Parse(group.Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    // "  sim-standard      4      126   0.000191   146 ms" in the per-expert table.
    [GeneratedRegex(@"^\s+(?<expert>sim-[\w-]+)\s+(?<in>[\d,]+)\s+(?<out>[\d,]+)\s+(?<cost>\d+\.\d{6})\s+[\d.]+ ms", RegexOptions.Multiline)]
    private static partial Regex ExpertLine();

    [GeneratedRegex(@"^\s+total\s+(?<in>[\d,]+)\s+(?<out>[\d,]+)\s+(?<cost>\d+\.\d{6})", RegexOptions.Multiline)]
    private static partial Regex TotalLine();
}
