using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Registry;

namespace Build.Tests.Prune;

/// <summary>
/// GitHub's Packages and Pulls API for one organisation's container package, backed by a real registry: its
/// versions are the registry's manifests (found by walking tags, index children and referrers), their tags are
/// read live from the registry, and deleting a version deletes the manifest there. Pages with Link headers, 403
/// for the 5,000-downloads rule, 429 with Retry-After on request.
/// </summary>
internal sealed partial class FakePackagesApi : IDisposable
{
    readonly HttpListener listener = new();
    readonly string owner, package, repository;
    readonly RegistryApi registry;
    readonly Dictionary<string, long> ids = new(StringComparer.Ordinal);
    readonly Dictionary<string, DateTimeOffset> changed = new(StringComparer.Ordinal);
    long nextId = 1000;

    public FakePackagesApi(string owner, string package, RegistryApi registry)
    {
        (this.owner, this.package, this.registry) = (owner, package, registry);
        repository = owner + "/app";
        Url = Build.Tests.GitHub.FakeGitHubApi.Listen(listener);
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; } = "";
    public string Repository => repository;
    public Dictionary<int, string> PullRequests { get; } = new();
    /// <summary>Digests of public versions with over 5,000 downloads: their DELETE answers 403.</summary>
    public HashSet<string> Popular { get; } = new(StringComparer.Ordinal);
    /// <summary>How many of the next version-list requests answer 429 with Retry-After: 1.</summary>
    public int ThrottleNextLists { get; set; }
    public List<long> Deleted { get; } = [];
    /// <summary>GitHub caps pages at 100; a smaller cap makes a small package span several pages.</summary>
    public int PageCap { get; set; } = 100;
    /// <summary>Misbehaviour on purpose: deleting the key digest also deletes the value digest in the registry.</summary>
    public Dictionary<string, string> AlsoDeletes { get; } = new(StringComparer.Ordinal);
    public List<string> Requests { get; } = [];
    /// <summary>Misbehaviour on purpose: tags the version list leaves out (as an API missing metadata would).</summary>
    public HashSet<string> HiddenTags { get; } = new(StringComparer.Ordinal);

    readonly Dictionary<string, long> everIds = new(StringComparer.Ordinal);

    public long IdOf(string digest) { lock (ids) return ids[digest]; }

    /// <summary>The id a digest has or had (also after its deletion).</summary>
    public long IdOfAny(string digest) { lock (ids) return everIds[digest]; }

    /// <summary>The digest of cosign's signature of <paramref name="digest"/> (its <c>sha256-&lt;hex&gt;.sig</c> tag).</summary>
    public string SignatureOf(string digest) => registry.ResolveAsync($"sha256-{digest["sha256:".Length..]}.sig").GetAwaiter().GetResult()!;

    /// <summary>Registers every manifest reachable from the registry's tags (call after each push); new ones get <paramref name="age"/>.</summary>
    public async Task DiscoverAsync(TimeSpan age = default)
    {
        var queue = new Queue<string>();
        foreach (var tag in await registry.TagsAsync()) if (await registry.ResolveAsync(tag) is { } digest) queue.Enqueue(digest);
        while (queue.TryDequeue(out var digest))
        {
            lock (ids) { if (ids.ContainsKey(digest)) continue; ids[digest] = everIds[digest] = nextId++; changed[digest] = DateTimeOffset.UtcNow - age; }
            var manifest = (await registry.ManifestAsync(digest))?.Json;
            // As GHCR: an index's manifests are versions, a build cache index's layers are not.
            foreach (var entry in (manifest?["manifests"] as JsonArray ?? []).OfType<JsonObject>())
                if (RegistryApi.IsManifestMediaType(entry["mediaType"]?.GetValue<string>())) queue.Enqueue(entry["digest"]!.GetValue<string>());
        }
    }

    /// <summary>Makes a version older (or younger), as its updated_at says.</summary>
    public void SetAge(string digest, TimeSpan age) { lock (ids) changed[digest] = DateTimeOffset.UtcNow - age; }

    async Task<JsonArray> VersionsAsync()
    {
        var tags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var tag in (await registry.TagsAsync()).Where(t => !HiddenTags.Contains(t)))
            if (await registry.ResolveAsync(tag) is { } digest) (tags.TryGetValue(digest, out var list) ? list : tags[digest] = []).Add(tag);
        lock (ids)
            return new JsonArray(ids.OrderByDescending(p => p.Value).Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.Value, ["name"] = p.Key,
                ["url"] = $"{Url}/orgs/{owner}/packages/container/{Uri.EscapeDataString(package)}/versions/{p.Value}",
                ["package_html_url"] = $"https://github.com/orgs/{owner}/packages/container/package/{package}",
                ["created_at"] = changed[p.Key].ToString("yyyy-MM-ddTHH:mm:ssZ"), ["updated_at"] = changed[p.Key].ToString("yyyy-MM-ddTHH:mm:ssZ"),
                ["metadata"] = new JsonObject { ["package_type"] = "container", ["container"] = new JsonObject { ["tags"] = new JsonArray((tags.GetValueOrDefault(p.Key) ?? []).Select(t => (JsonNode)t!).ToArray()) } },
            }).ToArray());
    }

    async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); } catch (Exception) { return; }
            try { await AnswerAsync(context); }
            catch (Exception e) { await WriteAsync(context, 500, new JsonObject { ["message"] = e.Message }); }
        }
    }

    async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath; // %2F stays escaped here
        lock (Requests) Requests.Add($"{request.HttpMethod} {request.RawUrl}");
        var versions = $"/orgs/{owner}/packages/container/{Uri.EscapeDataString(package)}/versions";
        if (request.HttpMethod == "GET" && path == $"/users/{owner}")
            await WriteAsync(context, 200, new JsonObject { ["login"] = owner, ["id"] = 1, ["type"] = "Organization" });
        else if (request.HttpMethod == "GET" && PullPattern().Match(path) is { Success: true } pull && pull.Groups[1].Value == repository)
        {
            var number = int.Parse(pull.Groups[2].Value);
            if (PullRequests.TryGetValue(number, out var state))
                await WriteAsync(context, 200, new JsonObject { ["number"] = number, ["state"] = state == "merged" ? "closed" : state, ["merged"] = state == "merged" });
            else await WriteAsync(context, 404, new JsonObject { ["message"] = "Not Found" });
        }
        else if (request.HttpMethod == "GET" && path == versions)
        {
            if (ThrottleNextLists > 0)
            {
                ThrottleNextLists--;
                context.Response.Headers["Retry-After"] = "1";
                await WriteAsync(context, 429, new JsonObject { ["message"] = "You have exceeded a secondary rate limit." });
                return;
            }
            var all = await VersionsAsync();
            var perPage = int.TryParse(request.QueryString["per_page"], out var n) ? Math.Min(n, PageCap) : Math.Min(30, PageCap);
            var page = int.TryParse(request.QueryString["page"], out var p) ? p : 1;
            var pages = Math.Max(1, (all.Count + perPage - 1) / perPage);
            if (page < pages)
                context.Response.Headers["Link"] = $"<{Url}{versions}?per_page={perPage}&page={page + 1}&state=active>; rel=\"next\", <{Url}{versions}?per_page={perPage}&page={pages}&state=active>; rel=\"last\"";
            await WriteAsync(context, 200, new JsonArray(all.Skip((page - 1) * perPage).Take(perPage).Select(v => v!.DeepClone()).ToArray()));
        }
        else if (request.HttpMethod == "DELETE" && path.StartsWith(versions + "/", StringComparison.Ordinal) && long.TryParse(path[(versions.Length + 1)..], out var id))
        {
            string? digest;
            lock (ids) digest = ids.FirstOrDefault(pair => pair.Value == id).Key;
            if (digest is null) { await WriteAsync(context, 404, new JsonObject { ["message"] = "Package version not found." }); return; }
            if (Popular.Contains(digest))
            {
                await WriteAsync(context, 403, new JsonObject { ["message"] = "Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance." });
                return;
            }
            if (AlsoDeletes.TryGetValue(digest, out var extra)) await registry.DeleteAsync(extra);
            var status = await registry.DeleteAsync(digest);
            if (status is not (HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NotFound))
                throw new InvalidOperationException($"registry answered {(int)status} to deleting {digest}");
            lock (ids) { ids.Remove(digest); Deleted.Add(id); }
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
        else await WriteAsync(context, 404, new JsonObject { ["message"] = "Not Found" });
    }

    static async Task WriteAsync(HttpListenerContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));
        context.Response.Close();
    }

    [GeneratedRegex(@"^/repos/([^/]+/[^/]+)/pulls/(\d+)$")]
    private static partial Regex PullPattern();

    public void Dispose()
    {
        try { listener.Stop(); listener.Close(); } catch (Exception) { }
        registry.Dispose();
    }
}
