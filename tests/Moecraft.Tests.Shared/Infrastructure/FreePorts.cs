using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Moecraft.Tests.Infrastructure;

/// <summary>
/// Loopback ports free right now, for silos and servers a test starts. They come from below the kernel's ephemeral range:
/// a port the OS hands out for port 0 lies inside it, where any outgoing connection of a test running in parallel may take
/// it before the silo binds it (seen as a silo that could not start). Each port is handed out once per test run, from a
/// random start, so parallel tests never share one and separate runs rarely meet.
/// </summary>
public static class FreePorts
{
    private const int Span = 12_000;
    private static readonly int Lowest = EphemeralStart() - Span;
    private static int _next = Random.Shared.Next(Span);

    public static int[] Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var ports = new int[count];
        for (var i = 0; i < count; i++) ports[i] = NextFree();
        return ports;
    }

    private static int NextFree()
    {
        for (var attempt = 0; attempt < Span; attempt++)
        {
            var port = Lowest + (Interlocked.Increment(ref _next) % Span);
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"No free loopback port between {Lowest} and {Lowest + Span - 1}.");
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>The first port of Linux's ephemeral range (<c>ip_local_port_range</c>); 32768, its default, elsewhere.</summary>
    private static int EphemeralStart()
    {
        const string path = "/proc/sys/net/ipv4/ip_local_port_range";
        var first = File.Exists(path) ? File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null;
        return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) && start > Span + 1024 ? start : 32768;
    }
}
