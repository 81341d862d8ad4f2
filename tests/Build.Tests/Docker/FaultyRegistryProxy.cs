using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Build.Tests.Docker;

/// <summary>
/// A TCP proxy in front of a registry that passes bytes through untouched, except that it answers the first
/// <c>failures</c> manifest PUTs with 503 Service Unavailable: a registry having a transient bad moment.
/// (Byte-level on purpose: docker sends several Accept headers, which an HTTP-level proxy would have to keep.)
/// </summary>
public sealed class FaultyRegistryProxy : IDisposable
{
    static readonly byte[] Unavailable = Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int targetPort;
    int failuresLeft;
    int failuresServed;

    public FaultyRegistryProxy(int targetPort, int failures)
    {
        (this.targetPort, failuresLeft) = (targetPort, failures);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";
    public int FailuresServed => failuresServed;

    async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(); } catch (Exception) { return; }
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, targetPort);
            var toClient = server.GetStream().CopyToAsync(client.GetStream());
            var fromClient = client.GetStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await fromClient.ReadAsync(buffer)) > 0)
            {
                var start = Encoding.ASCII.GetString(buffer, 0, Math.Min(read, 512));
                if (start.StartsWith("PUT /v2/", StringComparison.Ordinal) && start.Split('\n')[0].Contains("/manifests/")
                    && Interlocked.Decrement(ref failuresLeft) >= 0)
                {
                    Interlocked.Increment(ref failuresServed);
                    await fromClient.WriteAsync(Unavailable);
                    return;
                }
                await server.GetStream().WriteAsync(buffer.AsMemory(0, read));
            }
            await toClient;
        }
        catch (Exception) { /* a closed connection ends the relay */ }
    }

    public void Dispose() => listener.Stop();
}
