using Moecraft.Client;
using Moecraft.Cluster;
using Moecraft.Hosting.Seeding;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Host;

/// <summary>
/// The real host process on its embedded default (SQLite, localhost clustering, seeded simulated experts, the sentence
/// model as its embedder, loaded from the built silo's output): health, dashboard, routing through the client SDK,
/// graceful stop, restart, persisted state; restarted on the hashing embedder, it refuses the router made with the model
/// until 'moecraft embedder migrate' moves it.
/// </summary>
public sealed class SiloProcessTests
{
    [Fact]
    public async Task Silo_serves_persists_and_restarts_with_its_state()
    {
        using var data = new TempDirectory("moecraft-silo-process");
        var ports = FreePorts.Take(3);

        long invocationsBefore;
        long routedBefore;
        await using (var silo = await SiloProcess.StartAsync(data.Path, ports, SiloProcess.ModelEmbedder))
        {
            Assert.Contains("Embedder all-MiniLM-L6-v2 (d = 384) ready", silo.Output);
            using (var http = new HttpClient())
            {
                Assert.Equal("Healthy", await http.GetStringAsync(new Uri(silo.BaseAddress, "/health")));
                var dashboard = await http.GetAsync(new Uri(silo.BaseAddress, "/dashboard/"));
                Assert.True(dashboard.IsSuccessStatusCode, $"dashboard answered {dashboard.StatusCode}");
            }

            await using (var client = await ConnectAsync(silo))
            {
                var experts = await client.ListExpertsAsync();
                Assert.Equal(DemoExperts.All.Select(e => e.Id), experts.Select(e => e.Expert.Definition.Id));
                Assert.All(experts, e => Assert.True(e.Expert.Definition.IsSimulated));

                for (var i = 0; i < 3; i++)
                {
                    var result = await client.AskAsync($"Question {i}: how should a cluster route cheap and premium models?");
                    Assert.True(result.Answer.Simulated);
                    Assert.StartsWith("[simulated ", result.Answer.Text);
                    // The policy picks from the gate's predictions (untrained: a tie at 0.5, so the cheapest).
                    Assert.Contains(result.Answer.ExpertId, DemoExperts.All.Select(e => e.Id));
                    Assert.Equal([result.Answer.ExpertId], result.Routing!.Experts.ToArray());
                }

                // The CLI, run as a user runs it, against the same silo.
                var port = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var route = await DotnetCommand.CliAsync("--gateway-port", port, "route", "Write a haiku about load balancing");
                Assert.True(route.ExitCode == 0, route.Error);
                Assert.Contains("answered by", route.Output);
                Assert.Contains("(simulated)", route.Output);
                // ask and cost: a tenant's request through the whole path, then its bill from the ledger.
                var tenant = "cli-tenant";
                await client.ConfigureTenantAsync(tenant, new TenantSettings(5m, BudgetPeriod.Monthly, 0, RoutingPolicyNames.Cheapest, []));
                var ask = await DotnetCommand.CliAsync("--gateway-port", port, "ask", "--tenant", tenant, "--stream", "Explain backpressure in one line");
                Assert.True(ask.ExitCode == 0, ask.Error);
                Assert.Contains("[simulated ", ask.Output);
                Assert.Contains("premium baseline", ask.Output);
                Assert.Contains("cache hit", ask.Output);
                var cost = await Eventually.Succeeds(async () =>
                {
                    var run = await DotnetCommand.CliAsync("--gateway-port", port, "cost", "--tenant", tenant);
                    return run.ExitCode == 0 && run.Output.Contains("1 requests", StringComparison.Ordinal) ? run : throw new InvalidOperationException(run.Output + run.Error);
                }, TimeSpan.FromSeconds(20), "the ledger line in moecraft cost");
                Assert.Contains("Monthly", cost.Output);
                Assert.Contains(RoutingPolicyNames.Cheapest, cost.Output);
                var expertsTable = await DotnetCommand.CliAsync("--gateway-port", port, "experts");
                Assert.True(expertsTable.ExitCode == 0, expertsTable.Error);
                Assert.All(DemoExperts.All, e => Assert.Contains(e.Id, expertsTable.Output));
                var seeded = await client.GetRouterAsync();
                Assert.Equal((384, "all-MiniLM-L6-v2"), (seeded.Configuration.InputDimension, seeded.Configuration.Embedder?.Name));
                var embedder = await DotnetCommand.CliAsync("--gateway-port", port, "embedder");
                Assert.True(embedder.ExitCode == 0, embedder.Error);
                Assert.Contains("both embed alike", Flat(embedder.Output));
                var unknown = await DotnetCommand.CliAsync("--gateway-port", port, "health", "--router", "no-such-router");
                Assert.Equal(1, unknown.ExitCode);
                Assert.Contains("not configured", unknown.Error);

                invocationsBefore = (await client.ListExpertsAsync()).Sum(e => e.Expert.Counters.Invocations);
                routedBefore = (await client.GetRouterAsync()).RoutedUnits;
                Assert.True(invocationsBefore >= 3);
                Assert.Equal(5, routedBefore); // three asks, one CLI route, one CLI ask
            }


            Assert.Equal(0, await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("Seeded router default with 4 simulated experts", silo.Output);
            Assert.DoesNotContain("moecraft.ask", silo.Output); // the default exporter is none
        }

        Assert.True(File.Exists(Path.Combine(data.Path, "moecraft.db")));

        // The second start runs the hashing embedder, and switches the OpenTelemetry exporter to the console by configuration.
        await using (var silo = await SiloProcess.StartAsync(data.Path, ports, "--Moecraft:Telemetry:Exporter=console"))
        await using (var client = await ConnectAsync(silo))
        {
            var router = await client.GetRouterAsync(ClusterSeed.DefaultRouterId);
            Assert.Equal(routedBefore, router.RoutedUnits);
            Assert.Equal(DemoExperts.All.Length, router.Slots.Length);
            Assert.Equal(invocationsBefore, (await client.ListExpertsAsync()).Sum(e => e.Expert.Counters.Invocations));
            Assert.Contains("already has 4 experts; nothing to seed", silo.Output);

            // The router was made with the model: this node refuses it, and says how to migrate, until an operator does.
            Assert.Contains("moecraft embedder migrate --router default", silo.Output);
            var refused = await Assert.ThrowsAsync<EmbedderMismatchException>(() => client.AskAsync("Refused on this node"));
            Assert.Contains("all-MiniLM-L6-v2 (d = 384)", refused.Message);
            var port = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var status = await DotnetCommand.CliAsync("--gateway-port", port, "embedder");
            Assert.Equal(1, status.ExitCode);
            Assert.Contains("node 'process-test' embeds prompts with hashing (d = 512)", Flat(status.Output));
            var migrate = await DotnetCommand.CliAsync("--gateway-port", port, "embedder", "migrate", "--actor", "ops@test");
            Assert.True(migrate.ExitCode == 0, migrate.Error);
            Assert.Contains("moved from all-MiniLM-L6-v2 (d = 384) to hashing (d = 512) by ops@test", Flat(migrate.Output));
            Assert.Equal(routedBefore, (await client.GetRouterAsync()).RoutedUnits);

            await client.AskAsync("One more question, traced this time");
            await Eventually.Succeeds(() => Task.FromResult(
                silo.Output.Contains("moecraft.ask", StringComparison.Ordinal)
                && silo.Output.Contains("Microsoft.Orleans.Application", StringComparison.Ordinal)
                && silo.Output.Contains("moecraft.expert.calls", StringComparison.Ordinal)
                && silo.Output.Contains("orleans-", StringComparison.Ordinal)
                    ? true
                    : throw new InvalidOperationException("spans or metrics not exported yet")), TimeSpan.FromSeconds(30), "console telemetry export");
            Assert.Equal(0, await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
        }
    }

    // The CLI wraps long lines to the terminal's width.
    private static string Flat(string output) => string.Join(' ', output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static Task<MoecraftClient> ConnectAsync(SiloProcess silo) =>
        MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [silo.GatewayPort] });
}
