using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Build.Tests.Registry;

/// <summary>What the proxy does to a request a rule matches.</summary>
public enum RegistryFault
{
    /// <summary>503 Service Unavailable: a registry having a transient bad moment.</summary>
    Unavailable,
    /// <summary>401 Unauthorized: a token that expired or lost its rights mid-run.</summary>
    Unauthorized,
    /// <summary>Closes the connection without an answer: the client sees EOF (or a reset, a broken pipe).</summary>
    Drop,
    /// <summary>400 MANIFEST_BLOB_UNKNOWN: a manifest whose blob the registry does not have (yet).</summary>
    BlobUnknown,
    /// <summary>Holds the request unanswered until <see cref="FaultyRegistryProxy.Release"/>, then closes it: a client mid-request.</summary>
    Hold,
    /// <summary>Passes the request on, but only after a delay: a slow registry (or network).</summary>
    Slow,
}

/// <summary>
/// A TCP proxy in front of a registry that passes bytes through untouched, except for requests a rule matches
/// (by their request line, e.g. <c>PUT /v2/x/manifests/latest HTTP/1.1</c>): those get the rule's fault instead.
/// Byte-level on purpose: docker sends several Accept headers, which an HTTP-level proxy would have to keep.
/// Each chunk read from the client is checked, so a rule added later also hits kept-alive connections.
/// </summary>
public sealed class FaultyRegistryProxy : IDisposable
{
    sealed class Rule(Func<string, bool> matches, RegistryFault fault, int times, TimeSpan delay = default)
    {
        int left = times;
        public RegistryFault Fault => fault;
        public TimeSpan Delay => delay;
        public bool Take(string requestLine) => matches(requestLine) && Interlocked.Decrement(ref left) >= 0;
    }

    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int targetPort;
    readonly List<Rule> rules = new();
    readonly List<string> requests = new();
    readonly TaskCompletionSource firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int failuresServed;

    /// <summary>Answers the first <paramref name="failures"/> manifest PUTs with 503.</summary>
    public FaultyRegistryProxy(int targetPort, int failures = 0)
    {
        this.targetPort = targetPort;
        if (failures > 0) Fail(line => line.StartsWith("PUT /v2/", StringComparison.Ordinal) && line.Contains("/manifests/"), RegistryFault.Unavailable, failures);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";
    public int FailuresServed => failuresServed;

    /// <summary>Completes when a <see cref="RegistryFault.Hold"/> rule holds its first request.</summary>
    public Task FirstHeld => firstHeld.Task;

    /// <summary>Closes every held request (and any held later) without an answer.</summary>
    public void Release() => released.TrySetResult();

    /// <summary>Every request line seen so far, in order.</summary>
    public IReadOnlyList<string> Requests { get { lock (requests) return requests.ToList(); } }

    /// <summary>From now on, the next <paramref name="times"/> requests whose request line matches get <paramref name="fault"/>.</summary>
    public void Fail(Func<string, bool> matches, RegistryFault fault, int times = int.MaxValue)
    {
        lock (rules) rules.Add(new Rule(matches, fault, times));
    }

    /// <summary>From now on, the next <paramref name="times"/> requests whose request line matches reach the registry <paramref name="delay"/> late.</summary>
    public void Slow(Func<string, bool> matches, TimeSpan delay, int times = int.MaxValue)
    {
        lock (rules) rules.Add(new Rule(matches, RegistryFault.Slow, times, delay));
    }

    /// <summary>The PUT of the manifest under <paramref name="tag"/> (any repository).</summary>
    public static Func<string, bool> PutOfTag(string tag) => line => line.StartsWith("PUT /v2/", StringComparison.Ordinal) && line.Contains($"/manifests/{tag} ");

    /// <summary>From now on every request is dropped: the registry is gone (deterministic, unlike killing it mid-request).</summary>
    public void DropEverything() => Fail(_ => true, RegistryFault.Drop);

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
                var line = RequestLine(buffer, read);
                if (line is not null) lock (requests) requests.Add(line);
                Rule? rule;
                lock (rules) rule = rules.FirstOrDefault(r => r.Take(line ?? ""));
                if (rule is { Fault: RegistryFault.Slow }) await Task.Delay(rule.Delay);
                else if (rule is not null)
                {
                    Interlocked.Increment(ref failuresServed);
                    if (rule.Fault == RegistryFault.Hold)
                    {
                        firstHeld.TrySetResult();
                        await released.Task;
                        return;
                    }
                    if (rule.Fault != RegistryFault.Drop) await fromClient.WriteAsync(Answer(rule.Fault));
                    return;
                }
                await server.GetStream().WriteAsync(buffer.AsMemory(0, read));
            }
            await toClient;
        }
        catch (Exception) { /* a closed connection ends the relay */ }
    }

    /// <summary>The HTTP request line when this chunk starts a request (a blob's body chunks do not).</summary>
    static string? RequestLine(byte[] buffer, int read)
    {
        var start = Encoding.ASCII.GetString(buffer, 0, Math.Min(read, 1024));
        var end = start.IndexOf("\r\n", StringComparison.Ordinal);
        if (end <= 0) return null;
        var line = start[..end];
        return line.EndsWith(" HTTP/1.1", StringComparison.Ordinal) || line.EndsWith(" HTTP/1.0", StringComparison.Ordinal) ? line : null;
    }

    static byte[] Answer(RegistryFault fault)
    {
        var (status, headers, body) = fault switch
        {
            RegistryFault.Unauthorized => ("401 Unauthorized", "Content-Type: application/json\r\nWww-Authenticate: Basic realm=\"faulty\"\r\n",
                "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"),
            RegistryFault.BlobUnknown => ("400 Bad Request", "Content-Type: application/json\r\n",
                "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}"),
            _ => ("503 Service Unavailable", "", ""),
        };
        return Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{headers}Content-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
    }

    public void Dispose()
    {
        Release();
        listener.Stop();
    }
}
