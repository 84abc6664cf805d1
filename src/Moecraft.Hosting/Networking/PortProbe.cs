using System.Net;
using System.Net.Sockets;

namespace Moecraft.Hosting.Networking;

/// <summary>
/// Whether another socket already listens on an address, asked before the silo starts. Orleans' listeners set
/// <see cref="SocketOptionName.ReuseAddress"/>, which .NET on Linux turns into SO_REUSEADDR and SO_REUSEPORT: a second silo
/// on the same ports binds beside the first without an error, the kernel shares connections between the two, and
/// membership breaks. A probe that binds with SO_REUSEADDR alone fails on any listener (with or without SO_REUSEPORT) and
/// still passes over connections lingering in TIME_WAIT, so a silo restarted at once on its own ports is not refused.
/// </summary>
public static class PortProbe
{
    /// <summary>The first of <paramref name="ports"/> that another socket listens on; null when all are free.</summary>
    public static ListeningPort? FirstTaken(IEnumerable<ListeningPort> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        return ports.FirstOrDefault(p => IsTaken(p.Endpoint));
    }

    /// <summary>True when binding <paramref name="endpoint"/> fails because the address is in use.</summary>
    public static bool IsTaken(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (endpoint.Address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
        ReuseAddressOnly(socket);
        try
        {
            socket.Bind(endpoint);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // not this host's address, say: the real bind reports it
        }
    }

    /// <summary>A message for an operator: which port, which setting, what to do.</summary>
    public static string Message(ListeningPort taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        return $"Cannot start: {taken} is already in use, probably by another silo. Stop that process or choose another port " +
            $"(--{taken.Setting}=...). Nothing was started.";
    }

    // SO_REUSEADDR without SO_REUSEPORT, set raw: .NET's ReuseAddress option sets both on Linux and macOS.
    private static void ReuseAddressOnly(Socket socket)
    {
        if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(1, 2, BitConverter.GetBytes(1)); // SOL_SOCKET, SO_REUSEADDR
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) socket.SetRawSocketOption(0xFFFF, 4, BitConverter.GetBytes(1));
        // Windows: a plain bind already fails on a port another socket listens on.
    }
}
