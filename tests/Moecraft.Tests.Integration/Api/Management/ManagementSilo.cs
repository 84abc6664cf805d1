using Moecraft.Client;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Api.Management;

/// <summary>
/// One real silo process for the management API tests, with a plain HttpClient on loopback (open local access: the
/// built-in <c>local</c> tenant with admin rights) and an SDK client on its gateway (to publish and ask as the cluster does).
/// </summary>
public sealed class ManagementSilo : IAsyncLifetime
{
    private readonly TempDirectory _data = new("moecraft-management-api");
    private SiloProcess? _silo;
    private MoecraftClient? _client;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public MoecraftClient Client => _client ?? throw new InvalidOperationException("The silo has not started.");

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(_data.Path, FreePorts.Take(3));
        Http.BaseAddress = _silo.BaseAddress;
        _client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [_silo.GatewayPort] });
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_client is not null) await _client.DisposeAsync();
        if (_silo is not null) await _silo.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>The tests that share one <see cref="ManagementSilo"/>; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ManagementSiloCollection : ICollectionFixture<ManagementSilo>
{
    public const string Name = "management-silo";
}
