using System.Diagnostics;
using System.Net;
using System.Text;
using Build.Tests.GitHub;

namespace Build.Tests.Git;

/// <summary>
/// git's smart HTTP for the repositories under one directory: an HttpListener on loopback handing each request to
/// the real `git http-backend` (CGI), which accepts pushes. A request without Basic x-access-token:<token> gets 401.
/// Records every Authorization header as it arrived (two headers would show as one comma-joined value).
/// </summary>
public sealed class GitHttpServer : IDisposable
{
    readonly HttpListener listener = new();
    readonly string root;
    readonly string expected;
    readonly List<string?> authorizations = [];

    public GitHttpServer(string root, string token)
    {
        this.root = root;
        expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{token}"));
        Url = FakeGitHubApi.Listen(listener);
        _ = Task.Run(ServeAsync);
    }

    /// <summary>Base URL, e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string Url { get; }

    public IReadOnlyList<string?> Authorizations { get { lock (authorizations) return authorizations.ToList(); } }

    async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var authorization = context.Request.Headers["Authorization"];
            lock (authorizations) authorizations.Add(authorization);
            if (!string.Equals(authorization, expected, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = 401;
                context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"git\"");
                context.Response.Close();
                return;
            }
            await RunBackendAsync(context);
        }
        catch (Exception)
        {
            try { context.Response.StatusCode = 500; context.Response.Close(); } catch (Exception) { }
        }
    }

    async Task RunBackendAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var start = new ProcessStartInfo("git", ["http-backend"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["GIT_PROJECT_ROOT"] = root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["PATH_INFO"] = request.Url!.AbsolutePath;
        start.Environment["QUERY_STRING"] = request.Url.Query.TrimStart('?');
        start.Environment["REQUEST_METHOD"] = request.HttpMethod;
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        start.Environment["REMOTE_USER"] = "x-access-token";   // receive-pack serves authenticated users only
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (request.Headers["Content-Encoding"] is { } encoding) start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        if (request.Headers["Git-Protocol"] is { } protocol) start.Environment["GIT_PROTOCOL"] = protocol;
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await request.InputStream.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        await reading;
        await errors;
        await process.WaitForExitAsync();

        // CGI: header lines, an empty line, the body.
        var bytes = output.ToArray();
        var (end, skip) = HeaderEnd(bytes);
        foreach (var line in Encoding.ASCII.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase)) context.Response.StatusCode = int.Parse(value.Split(' ')[0]);
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) context.Response.ContentType = value;
            else context.Response.AddHeader(name, value);
        }
        await context.Response.OutputStream.WriteAsync(bytes.AsMemory(end + skip));
        context.Response.Close();
    }

    static (int End, int Skip) HeaderEnd(byte[] bytes)
    {
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n') return (i, 2);
            if (i + 3 < bytes.Length && bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return (i, 4);
        }
        return (bytes.Length, 0);
    }

    public void Dispose()
    {
        try { listener.Stop(); listener.Close(); } catch (Exception) { }
    }
}
