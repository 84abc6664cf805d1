using Moecraft.Client;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Api.Faults;

/// <summary>
/// One real silo process for a test class: the HTTP API on loopback (requests without a key act as the built-in
/// <c>local</c> tenant) and the client SDK over its gateway, through which each test registers its own router and experts.
/// </summary>
public sealed class FaultSiloFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("moecraft-faults");

    public SiloProcess Silo { get; private set; } = null!;

    public MoecraftClient Client { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(_data.Path, FreePorts.Take(3));
        Client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [Silo.GatewayPort] });
        Http = new HttpClient { BaseAddress = Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Client is not null) await Client.DisposeAsync();
        if (Silo is not null) await Silo.DisposeAsync();
        _data.Dispose();
    }
}
