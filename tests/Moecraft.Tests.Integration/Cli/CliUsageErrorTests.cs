using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Cli;

/// <summary>
/// Every bad option value of every <c>moecraft</c> command is a usage error: exit code 2, one line naming the option and
/// the help to read, no exception, and found while parsing (no cluster runs here: a value that got past parsing would
/// try the closed gateway port and exit 3).
/// </summary>
public sealed class CliUsageErrorTests
{
    [Theory]
    [InlineData("--policy", "ask", "hi", "--policy", "bogus")]
    [InlineData("--experts", "ask", "hi", "-k", "0")]
    [InlineData("--experts", "ask", "hi", "-k", "two")]
    [InlineData("--experts", "ask", "hi", "-k", "5")]
    [InlineData("--target", "ask", "hi", "--target", "1.5")]
    [InlineData("--expert", "ask", "hi", "--policy", "fixed")]
    [InlineData("--tenant", "ask", "hi", "--tenant", "a b")]
    [InlineData("--count", "route", "hi", "-n", "0")]
    [InlineData("--days", "cost", "--tenant", "t", "--days", "0")]
    [InlineData("--history", "cost", "--tenant", "t", "--history", "many")]
    [InlineData("--budget", "tenants", "create", "t", "--budget", "0")]
    [InlineData("--policy", "tenants", "create", "t", "--budget", "5", "--policy", "bogus")]
    [InlineData("--policy", "tenants", "create", "t", "--budget", "5", "--policy", "cascade:9")]
    [InlineData("--period", "tenants", "create", "t", "--budget", "5", "--period", "weekly")]
    [InlineData("--quality", "tenants", "set", "t", "--quality", "2")]
    [InlineData("--budget", "tenants", "set", "t")]
    [InlineData("--rpm", "keys", "create", "--tenant", "t", "--name", "k", "--rpm", "0")]
    [InlineData("--tpm", "keys", "create", "--tenant", "t", "--name", "k", "--tpm", "x")]
    [InlineData("--last", "lifecycle", "--last", "0")]
    [InlineData("--apply", "lifecycle", "--apply", "x")]
    [InlineData("--compensate", "keepers", "--compensate", "x", "--clock", "fast", "--reason", "r")]
    [InlineData("--clock", "keepers", "--clock", "hourly")]
    [InlineData("--max-experts", "policy", "set", "--max-experts", "0")]
    [InlineData("--max-budget", "policy", "set", "--max-budget", "-1")]
    [InlineData("--lifecycle", "policy", "set", "--lifecycle", "yolo")]
    [InlineData("--backends", "policy", "set", "--backends", "gpu")]
    [InlineData("--reason", "halt", "--reason", " ")]
    [InlineData("--governance", "policy", "--governance", "a b")]
    [InlineData("--router", "health", "--router", "")]
    [InlineData("--day", "journal", "--day", "2026-13-01")]
    [InlineData("--node", "peers", "--node", "")]
    public async Task A_bad_option_value_is_a_usage_error_that_names_the_option(string option, params string[] arguments)
    {
        var run = await DotnetCommand.CliAsync(["--gateway-port", "1", .. arguments]);

        Assert.True(run.ExitCode == 2, $"moecraft {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Error}");
        Assert.StartsWith("moecraft: error: ", run.Error);
        Assert.Contains(option, run.Error);
        Assert.Contains($"See 'moecraft {arguments[0]}", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
        Assert.DoesNotContain("System.", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_bad_gateway_port_is_a_usage_error_too()
    {
        var run = await DotnetCommand.CliAsync("--gateway-port", "abc", "status");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'abc' is not a valid gateway port", run.Error);
    }
}
