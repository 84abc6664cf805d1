using Moecraft.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Moecraft.Tests.Deployment;

/// <summary>
/// Checks docker-compose.yml without a Docker engine: the file is parsed with YamlDotNet (<see cref="ComposeYaml"/>)
/// and held to <see cref="ComposeRules"/>. When a docker-compose CLI is on PATH its own <c>config</c> output is
/// checked as well.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string ComposePath = Path.Combine(RepositoryPaths.Root, "docker-compose.yml");

    private readonly ITestOutputHelper _output;

    public ComposeFileTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void ComposeFile_SatisfiesClusterInvariants()
    {
        var errors = CheckText(File.ReadAllText(ComposePath));

        Assert.True(errors.Count == 0, "docker-compose.yml: " + string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void ComposeFile_IsAcceptedByDockerCompose()
    {
        var root = RepositoryPaths.Root;
        var cli = ComposeCli.Find(root);

        if (cli is null)
        {
            // No CLI: the same structural checks still run here, so this test can still fail.
            var textErrors = CheckText(File.ReadAllText(ComposePath));
            _output.WriteLine("No docker-compose CLI on PATH; ran the text checks instead.");
            Assert.True(
                textErrors.Count == 0,
                "docker-compose CLI not installed, so `config` could not run; the text checks ran instead (nothing skipped) and failed: "
                + string.Join(Environment.NewLine, textErrors));
            return;
        }

        _output.WriteLine($"Using: {cli.Describe()}");

        var quiet = cli.Run(root, "-f", ComposePath, "config", "-q");
        Assert.True(quiet.ExitCode == 0, $"`{cli.Describe()} config -q` exited {quiet.ExitCode}: {quiet.StdErr}{quiet.StdOut}");

        var services = cli.Run(root, "-f", ComposePath, "config", "--services");
        Assert.True(services.ExitCode == 0, $"`config --services` exited {services.ExitCode}: {services.StdErr}");
        var names = services.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "postgres", "silo1", "silo2", "silo3" }, names);

        // The fully resolved model (anchors merged, variables interpolated) must satisfy the same rules.
        var full = cli.Run(root, "-f", ComposePath, "config");
        Assert.True(full.ExitCode == 0, $"`config` exited {full.ExitCode}: {full.StdErr}");
        var errors = ComposeRules.Check(ComposeYaml.Parse(full.StdOut), root, resolved: true);
        Assert.True(errors.Count == 0, "resolved compose model: " + string.Join(Environment.NewLine, errors) + Environment.NewLine + full.StdOut);
    }

    // The checks must be able to fail: feed them broken variants of the real file.
    [Theory]
    [InlineData("- \"5080:8080\"", "- \"5080:8080\"\n      - \"11111:11111\"", "11111")]
    [InlineData("- \"5080:8080\"", "- \"5080:8080\"\n      - \"30000:30000\"", "30000 must not be published")]
    [InlineData("Moecraft__Endpoints__GatewayOnTrustedNetwork: \"true\"", "Moecraft__Endpoints__GatewayOnTrustedNetwork: \"false\"", "GatewayOnTrustedNetwork")]
    [InlineData("Moecraft__NodeName: silo3", "Moecraft__NodeName: silo2", "NodeName")]
    [InlineData("Moecraft__Storage__Provider: PostgreSql", "Moecraft__Storage__Provider: Sqlite", "Provider")]
    [InlineData("Host=postgres;", "Host=localhost;", "Host")]
    [InlineData("condition: service_healthy", "condition: service_started", "service_healthy")]
    public void ComposeRules_RejectBrokenVariants(string original, string replacement, string expectedInError)
    {
        var text = File.ReadAllText(ComposePath);
        Assert.Contains(original, text, StringComparison.Ordinal);

        var at = text.LastIndexOf(original, StringComparison.Ordinal);
        var broken = string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + original.Length));

        Assert.Contains(CheckText(broken), e => e.Contains(expectedInError, StringComparison.Ordinal));
    }

    private static List<string> CheckText(string composeYaml) =>
        ComposeRules.Check(ComposeYaml.Parse(composeYaml), RepositoryPaths.Root, resolved: false);
}
