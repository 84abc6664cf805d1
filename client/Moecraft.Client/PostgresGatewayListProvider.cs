using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace Moecraft.Client;

/// <summary>
/// Finds the gateways of a cluster whose membership lives in PostgreSQL by running the cluster's own stored
/// <c>GatewaysQueryKey</c> query, so the client needs Npgsql but not the Orleans server runtime that the
/// ADO.NET clustering package brings.
/// </summary>
public sealed class PostgresGatewayListProvider(IOptions<MoecraftClientOptions> options, IOptions<GatewayOptions> gatewayOptions)
    : IGatewayListProvider, IAsyncDisposable
{
    private const int ActiveStatus = 3; // Orleans SiloStatus.Active as stored in the membership table.
    private NpgsqlDataSource? _dataSource;
    private string? _gatewaysQuery;

    public TimeSpan MaxStaleness => gatewayOptions.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    public async Task InitializeGatewayListProvider()
    {
        _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString
            ?? throw new InvalidOperationException("No PostgreSQL connection string is configured."));
        await using var command = _dataSource.CreateCommand("SELECT querytext FROM orleansquery WHERE querykey = 'GatewaysQueryKey'");
        _gatewaysQuery = await command.ExecuteScalarAsync() as string
            ?? throw new InvalidOperationException("The database has no Orleans clustering schema (GatewaysQueryKey is missing); start a silo against it first.");
    }

    public async Task<IList<Uri>> GetGateways()
    {
        if (_dataSource is null || _gatewaysQuery is null) throw new InvalidOperationException("The gateway list provider is not initialised.");

        await using var command = _dataSource.CreateCommand(_gatewaysQuery);
        command.Parameters.AddWithValue("DeploymentId", options.Value.ClusterId);
        command.Parameters.AddWithValue("Status", ActiveStatus);
        await using var reader = await command.ExecuteReaderAsync();

        var gateways = new List<Uri>();
        while (await reader.ReadAsync())
        {
            var address = IPAddress.Parse(reader.GetString(reader.GetOrdinal("address")));
            var port = reader.GetInt32(reader.GetOrdinal("proxyport"));
            var generation = reader.GetInt32(reader.GetOrdinal("generation"));
            gateways.Add(SiloAddress.New(new IPEndPoint(address, port), generation).ToGatewayUri());
        }
        return gateways;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
    }
}
