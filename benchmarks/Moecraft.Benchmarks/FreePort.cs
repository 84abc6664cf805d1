using System.Net;
using System.Net.Sockets;

namespace Moecraft.Benchmarks;

/// <summary>Finds loopback TCP ports nothing listens on, so a benchmark silo never collides with a running one.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
