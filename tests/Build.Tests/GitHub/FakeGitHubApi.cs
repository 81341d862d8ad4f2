using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Build.Tests.GitHub;

/// <summary>
/// A stand-in for GitHub's REST API: an HttpListener on 127.0.0.1 (random port) answering GET paths with
/// the JSON registered for them (any method through a handler), 404 otherwise. Records every request path.
/// </summary>
public sealed class FakeGitHubApi : IDisposable
{
    readonly HttpListener listener = new();
    readonly Dictionary<string, string> routes = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Func<string, string, (int Status, string Json)>> handlers = new(StringComparer.OrdinalIgnoreCase);
    readonly List<string> requests = [];
    readonly List<string?> authorizations = [];
    readonly List<string> queries = [];

    public FakeGitHubApi()
    {
        Url = Listen(listener);
        _ = Task.Run(ServeAsync);
    }

    /// <summary>Starts <paramref name="listener"/> on a free loopback port (another may take a port first: a few tries); its base URL.</summary>
    internal static string Listen(HttpListener listener)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try { listener.Start(); return $"http://127.0.0.1:{port}"; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
    }

    /// <summary>Base URL, e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string Url { get; } = "";

    public IReadOnlyList<string> Requests { get { lock (requests) return requests.ToList(); } }

    /// <summary>The path and query string of every request, e.g. /repos/o/r/pulls?state=open.</summary>
    public IReadOnlyList<string> Queries { get { lock (requests) return queries.ToList(); } }

    /// <summary>The Authorization header of every request (null when absent).</summary>
    public IReadOnlyList<string?> Authorizations { get { lock (requests) return authorizations.ToList(); } }

    /// <summary>Answers GET <paramref name="path"/> (e.g. /repos/octocat/hello) with <paramref name="json"/>.</summary>
    public FakeGitHubApi Serve(string path, string json)
    {
        lock (routes) routes[path.TrimEnd('/')] = json;
        return this;
    }

    /// <summary>
    /// Answers <paramref name="method"/> <paramref name="path"/> by calling <paramref name="handler"/> with the query string
    /// and the request body (a stateful fake, e.g. pull requests); checked before <see cref="Serve"/>'s routes.
    /// </summary>
    public FakeGitHubApi Handle(string method, string path, Func<string, string, (int Status, string Json)> handler)
    {
        lock (routes) handlers[$"{method} {path.TrimEnd('/')}"] = handler;
        return this;
    }

    async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            var path = context.Request.Url!.AbsolutePath.TrimEnd('/');
            lock (requests) { requests.Add(path); queries.Add(path + context.Request.Url.Query); authorizations.Add(context.Request.Headers["Authorization"]); }
            string? json;
            Func<string, string, (int Status, string Json)>? handler;
            lock (routes) { handlers.TryGetValue($"{context.Request.HttpMethod} {path}", out handler); routes.TryGetValue(path, out json); }
            var status = 200;
            if (handler is not null)
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                (status, json) = handler(context.Request.Url!.Query, await reader.ReadToEndAsync());
            }
            context.Response.StatusCode = json is null ? 404 : status;
            context.Response.ContentType = "application/json; charset=utf-8";
            var body = Encoding.UTF8.GetBytes(json ?? """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");
            try
            {
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
            catch (Exception) { }
        }
    }

    /// <summary>A free loopback port (another process may still take it: callers retry).</summary>
    internal static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { listener.Stop(); listener.Close(); } catch (Exception) { }
    }
}
