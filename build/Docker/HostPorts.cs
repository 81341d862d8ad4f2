using System.Net;
using System.Net.Sockets;

namespace Docker;

/// <summary>A host port for <c>docker run -p</c>: the image's own when nothing listens on it here, else one the system hands out.</summary>
internal static class HostPorts
{
    public static int FreeOr(int preferred)
    {
        if (IsFree(preferred)) return preferred;
        return SystemChosen(IPAddress.Any);
    }

    /// <summary>A port the system hands out on <paramref name="address"/>, free right now.</summary>
    public static int SystemChosen(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>docker publishes on every address, so the port must be free on all of them (a registry on 127.0.0.1:5000 takes it).</summary>
    static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port) { ExclusiveAddressUse = true };
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
