using Moecraft.Experts;
using Moecraft.Routing;
using Moecraft.Tests.Infrastructure;
using Npgsql;
using Orleans.TestingHost;

namespace Moecraft.Tests.Cluster;

/// <summary>
/// Real clustering: three silos whose membership, reminders and grain state live in a PostgreSQL server the test
/// starts itself. Killing the hosting silo recovers the state elsewhere and the membership table records the death.
/// </summary>
public sealed class PostgresClusteringTests
{
    private const int DeadStatus = 6; // Orleans SiloStatus.Dead as stored in the membership table.

    [Fact]
    public async Task State_is_recovered_on_another_silo_and_the_dead_silo_is_in_the_membership_table()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("clustering");

        var builder = new TestClusterBuilder(initialSilosCount: 3);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[PostgresSiloConfigurator.ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Client;
            var expert = client.GetGrain<IExpertGrain>("pg-expert");
            await expert.Register(TestExperts.Simulated("pg-expert"));
            await expert.Invoke(new ExpertRequest("r1", "persist me"));
            var router = client.GetGrain<IRouterLayerGrain>("pg-router");
            await router.Configure(TestExperts.SmallRouter());
            await router.RegisterExpert("pg-expert");
            await router.RegisterExpert("other");
            var decision = await router.Route([.. TestExperts.Vector(5)]);
            var expertBefore = await expert.GetSnapshot();

            var management = client.GetGrain<IManagementGrain>(0);
            var hostAddress = await management.GetActivationAddress(expert) ?? throw new InvalidOperationException("No activation.");
            var host = cluster.GetSiloForAddress(hostAddress) ?? throw new InvalidOperationException($"No silo at {hostAddress}.");
            await cluster.KillSiloAsync(host);

            var recovered = await Eventually.Succeeds(() => expert.GetSnapshot(), TimeSpan.FromSeconds(60), "reading the expert after the kill");
            Assert.Equal(expertBefore, recovered);
            var newHost = await management.GetActivationAddress(expert);
            Assert.NotNull(newHost);
            Assert.NotEqual(hostAddress, newHost);
            RouteDecisions.AssertSame(decision,
                await Eventually.Succeeds(() => router.Route([.. TestExperts.Vector(5)]), TimeSpan.FromSeconds(60), "routing after the kill"));

            var deadRows = await Eventually.Succeeds(async () =>
            {
                var rows = await MembershipRowsAsync(connectionString, cluster.Options.ClusterId);
                var dead = rows.Where(r => r.Status == DeadStatus && r.Port == hostAddress.Endpoint.Port).ToList();
                return dead.Count == 1 ? rows : throw new InvalidOperationException($"Membership: {string.Join(", ", rows)}");
            }, TimeSpan.FromSeconds(60), "the membership table marking the killed silo dead");
            Assert.Equal(3, deadRows.Count);
            Assert.Equal(2, deadRows.Count(r => r.Status == 3));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<List<(string SiloName, int Port, int Status)>> MembershipRowsAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT siloname, port, status FROM orleansmembershiptable WHERE deploymentid = @id", connection);
        command.Parameters.AddWithValue("id", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int, int)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        return rows;
    }
}
