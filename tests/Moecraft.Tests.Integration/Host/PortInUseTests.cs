using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Moecraft.Hosting.Networking;
using Moecraft.Tests.Infrastructure;
using Orleans.Configuration;

namespace Moecraft.Tests.Host;

/// <summary>
/// A silo whose silo, gateway or HTTP port another process listens on refuses to start, naming the port and its setting.
/// Orleans listens with SO_REUSEPORT on Linux, so without the check a second silo listened beside the first.
/// </summary>
public sealed class PortInUseTests
{
    [Theory]
    [InlineData(1, "Moecraft:Endpoints:SiloPort", false)]
    [InlineData(2, "Moecraft:Endpoints:GatewayPort", false)]
    [InlineData(0, "Urls", false)]
    // Held as a running silo holds it: a socket that allows sharing (SO_REUSEADDR and SO_REUSEPORT, as Orleans sets them).
    [InlineData(1, "Moecraft:Endpoints:SiloPort", true)]
    [InlineData(2, "Moecraft:Endpoints:GatewayPort", true)]
    public async Task A_silo_configured_with_a_taken_port_fails_at_once_with_a_message_naming_the_port(int taken, string setting, bool shared)
    {
        using var data = new TempDirectory("moecraft-port-in-use");
        var ports = FreePorts.Take(3);
        using var holder = Listen(new IPEndPoint(IPAddress.Loopback, ports[taken]), shared);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(data.Path, ports));

        var port = ports[taken].ToString(CultureInfo.InvariantCulture);
        Assert.Contains("exited with code 2", error.Message);
        Assert.Contains($"Cannot start: port {port} ({setting}", error.Message);
        Assert.Contains("already in use", error.Message);
        Assert.DoesNotContain("Started silo", error.Message); // refused before Orleans started anything
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_probe_finds_a_listener_whether_or_not_it_allows_sharing_and_a_free_port_free(bool shared)
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, FreePorts.Take(1)[0]);
        using (Listen(endpoint, shared))
        {
            Assert.True(PortProbe.IsTaken(endpoint));
            Assert.True(PortProbe.IsTaken(new IPEndPoint(IPAddress.Any, endpoint.Port)), "a listener on loopback blocks listening on every address");
        }
        Assert.False(PortProbe.IsTaken(endpoint));
    }

    [Fact]
    public void The_ports_are_the_ones_Orleans_and_Kestrel_bind()
    {
        var localhost = new EndpointOptions { AdvertisedIPAddress = IPAddress.Loopback, SiloPort = 11111, GatewayPort = 30000 };
        var anyHost = new EndpointOptions
        {
            AdvertisedIPAddress = IPAddress.Parse("10.0.0.5"), SiloPort = 11111, GatewayPort = 0,
            SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, 11111),
        };

        var ports = ListeningPorts.Of(localhost, "http://localhost:5080; http://+:8080;http://10.1.2.3:90;http://127.0.0.1:0");
        var container = ListeningPorts.Of(anyHost, null);

        Assert.Equal(new ListeningPort(ListeningPorts.SiloPortSetting, new IPEndPoint(IPAddress.Loopback, 11111)), ports[0]);
        Assert.Equal(new ListeningPort(ListeningPorts.GatewayPortSetting, new IPEndPoint(IPAddress.Loopback, 30000)), ports[1]);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5080), ports[2].Endpoint);
        Assert.Equal("http://localhost:5080", ports[2].Url);
        Assert.Contains(ports, p => p.Endpoint.Port == 8080 && (p.Endpoint.Address.Equals(IPAddress.IPv6Any) || p.Endpoint.Address.Equals(IPAddress.Any)));
        Assert.Contains(ports, p => p.Endpoint.Equals(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 90)));
        Assert.DoesNotContain(ports, p => p.Endpoint.Port == 0);
        Assert.Equal([new ListeningPort(ListeningPorts.SiloPortSetting, new IPEndPoint(IPAddress.Any, 11111))], container);
        Assert.Equal("port 11111 (Moecraft:Endpoints:SiloPort) on 127.0.0.1", ports[0].ToString());
    }

    private static Socket Listen(IPEndPoint endpoint, bool shared)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (shared) socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(endpoint);
        socket.Listen();
        return socket;
    }
}
