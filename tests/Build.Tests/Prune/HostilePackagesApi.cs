using System.Net;
using System.Text;

namespace Build.Tests.Prune;

/// <summary>How <see cref="HostilePackagesApi"/> misbehaves on the versions list.</summary>
public enum Hostility
{
    /// <summary>None: three untagged versions, years old (a whole answer; for the interrupt during deletes).</summary>
    None,
    /// <summary>Link rel="next" points at the page just given.</summary>
    PageLoop,
    /// <summary>Page 2 leads back to page 1.</summary>
    PageLoopBack,
    /// <summary>Every page leads to one more, each with new versions (slowed down by <see cref="HostilePackagesApi.Delay"/>).</summary>
    Endless,
    MissingContainer,
    ObjectNotList,
    WrongTypes,
    NullEntries,
    HugeId,
    BadDate,
    TruncatedJson,
}

/// <summary>
/// GitHub's Packages API gone wrong, for one organisation's container package: the owner answers, the versions list
/// misbehaves as told (every version in it untagged and years old, so a Prune that believed it would delete), and
/// every DELETE is recorded (and answered 204).
/// </summary>
public sealed class HostilePackagesApi : IDisposable
{
    readonly HttpListener listener = new();
    readonly Hostility hostility;
    readonly List<string> requests = [];

    public HostilePackagesApi(string owner, Hostility hostility)
    {
        (Owner, this.hostility) = (owner, hostility);
        Url = Build.Tests.GitHub.FakeGitHubApi.Listen(listener);
        _ = Task.Run(ServeAsync);
    }

    public string Owner { get; }
    public string Url { get; }
    public TimeSpan Delay { get; set; }
    /// <summary>Called on each DELETE, before it is answered.</summary>
    public Action? OnDelete { get; set; }
    public IReadOnlyList<string> Requests { get { lock (requests) return requests.ToList(); } }
    public IReadOnlyList<string> Deletes => Requests.Where(r => r.StartsWith("DELETE", StringComparison.Ordinal)).ToList();
    public int VersionPagesServed => Requests.Count(r => r.StartsWith("GET", StringComparison.Ordinal) && r.Contains("/versions"));

    string VersionsPath => $"/orgs/{Owner}/packages/container/app%2Fmlflow/versions";

    static string Version(long id, string? metadata = null, string created = "\"2020-01-01T00:00:00Z\"") =>
        $$"""{"id":{{id}},"name":"sha256:{{id.ToString("x64")}}","created_at":{{created}},"updated_at":{{created}},"metadata":{{metadata ?? """{"package_type":"container","container":{"tags":[]}}"""}}}""";

    string? firstPage;

    (string Body, string? Next) Page(int page, string asked) => hostility switch
    {
        Hostility.None => ($"[{Version(1)},{Version(2)},{Version(3)}]", null),
        Hostility.PageLoop => ($"[{Version(1)}]", asked),
        Hostility.PageLoopBack => ($"[{Version(page)}]", page == 2 ? firstPage : $"{VersionsPath}?state=active&per_page=100&page=2"),
        Hostility.Endless => ($"[{Version(page)}]", $"{VersionsPath}?state=active&per_page=100&page={page + 1}"),
        // The issue's own case: tagged main, but metadata without its container key.
        Hostility.MissingContainer => ($"[{Version(1, """{"package_type":"container"}""")}]", null),
        Hostility.ObjectNotList => ("""{"message":"Something odd","id":7}""", null),
        Hostility.WrongTypes => ("""[{"id":"1","name":12,"created_at":true,"updated_at":[],"metadata":{"container":{"tags":"main"}}}]""", null),
        Hostility.NullEntries => ($"[{Version(1)},null]", null),
        Hostility.HugeId => ($"[{Version(1)},{Version(2).Replace("\"id\":2", "\"id\":1180591620717411303424")}]", null),
        Hostility.BadDate => ($"[{Version(1, created: "\"yesterday\"")}]", null),
        _ => ("[{\"id\":1,\"name\":\"sha256:00", null),
    };

    async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); } catch (Exception) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        lock (requests) requests.Add($"{request.HttpMethod} {request.RawUrl}");
        var path = request.Url!.AbsolutePath;
        try
        {
            if (request.HttpMethod == "DELETE") { OnDelete?.Invoke(); context.Response.StatusCode = 204; context.Response.Close(); return; }
            if (request.HttpMethod == "GET" && path == $"/users/{Owner}") { await WriteAsync(context, $$"""{"login":"{{Owner}}","id":1,"type":"Organization"}"""); return; }
            if (request.HttpMethod == "GET" && request.RawUrl!.StartsWith(VersionsPath, StringComparison.Ordinal))
            {
                await Task.Delay(Delay);
                firstPage ??= request.RawUrl;
                var (body, next) = Page(int.TryParse(request.QueryString["page"], out var page) ? page : 1, request.RawUrl!);
                if (next is not null) context.Response.Headers["Link"] = $"<{Url}{next}>; rel=\"next\"";
                await WriteAsync(context, body);
                return;
            }
            context.Response.StatusCode = 404;
            await WriteAsync(context, """{"message":"Not Found"}""");
        }
        catch (Exception) { } // the client went away (an interrupted run)
    }

    static async Task WriteAsync(HttpListenerContext context, string body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
        context.Response.Close();
    }

    public void Dispose()
    {
        try { listener.Stop(); listener.Close(); } catch (Exception) { }
    }
}
