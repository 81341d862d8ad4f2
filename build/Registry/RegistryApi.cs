using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry;

/// <summary>
/// The few calls of the registry HTTP API (distribution v2) the build needs: resolve a tag, read an index,
/// delete a manifest by digest. Handles both Basic and Bearer-token registries.
/// </summary>
internal sealed class RegistryApi(ImageReference repository, RegistryLogins.Lookup login, HttpMessageHandler? handler = null) : IDisposable
{
    public RegistryApi(ImageReference repository, string? username, Secret? password, HttpMessageHandler? handler = null)
        : this(repository, username is null ? RegistryLogins.None : RegistryLogins.Given(username, password ?? new Secret("")), handler)
    {
    }

    public const string ManifestTypes =
        "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, " +
        "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>
    /// Whether a descriptor's media type is a manifest or an index, the only kinds read as JSON and followed; layers,
    /// configs and BuildKit's cache configs are blobs (a HEAD shows they are there; a GET as a manifest fails).
    /// </summary>
    public static bool IsManifestMediaType(string? mediaType) =>
        mediaType is not null && ManifestTypes.Split(", ").Contains(mediaType, StringComparer.OrdinalIgnoreCase);

    readonly HttpClient http = new(handler ?? new HttpClientHandler()) { BaseAddress = repository.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    AuthenticationHeaderValue? authorization;

    /// <summary>
    /// Opens the connection and answers the registry's login challenge (<c>GET /v2/</c>), so the next call starts
    /// with both done. What it finds is not judged here: a refusal surfaces on the call that needs the answer.
    /// </summary>
    public async Task ConnectAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "v2/");
    }

    /// <summary>The digest a tag (or digest) points to, or null when the registry has no such manifest.</summary>
    public async Task<string?> ResolveAsync(string reference)
    {
        using var response = await SendAsync(HttpMethod.Head, $"v2/{repository.Repository}/manifests/{reference}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : null;
    }

    /// <summary>A bound on pages, so a registry whose Link never ends cannot keep the build going.</summary>
    const int MaxTagPages = 1000;

    /// <summary>
    /// All the repository's tags, page after page as the registry's Link header leads (ghcr.io pages long lists);
    /// none for a repository the registry does not know yet. A refusal throws with its status.
    /// </summary>
    public async Task<IReadOnlyList<string>> TagsAsync(int pageSize = 1000)
    {
        var tags = new List<string>();
        var page = new Uri(repository.BaseUri, $"v2/{repository.Repository}/tags/list?n={pageSize}");
        for (var count = 0; page is not null; count++)
        {
            if (count == MaxTagPages) throw new RegistryPagingException($"{repository.Registry} gave more than {MaxTagPages} pages of tags for {repository}; stopped there.");
            using var response = await SendAsync(HttpMethod.Get, page.AbsoluteUri);
            if (response.StatusCode == HttpStatusCode.NotFound && count == 0) return tags;
            response.EnsureSuccessStatusCode();
            // "tags": null is what registry 2.8 answers for a repository whose tags were all deleted.
            var list = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            tags.AddRange((list?["tags"] as JsonArray)?.Select(t => t?.GetValue<string>()).OfType<string>() ?? []);
            page = NextTagPage(response, page);
        }
        return tags;
    }

    /// <summary>
    /// The distribution spec's pagination: <c>Link: &lt;/v2/name/tags/list?n=1000&amp;last=x&gt;; rel="next"</c>,
    /// resolved against the page it came with. Only on the same registry: the request carries its credentials.
    /// </summary>
    Uri? NextTagPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links.SelectMany(value => value.Split(',')))
        {
            var (open, close) = (link.IndexOf('<'), link.IndexOf('>'));
            if (open < 0 || close < open || !link[close..].Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase)) continue;
            var next = new Uri(current, link[(open + 1)..close]);
            return Uri.Compare(next, current, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0 ? next
                : throw new RegistryPagingException($"{repository.Registry} sent the next page of {repository}'s tags to another host ({next.Host}); not followed.");
        }
        return null;
    }

    /// <summary>
    /// The one manifest reader: a manifest or index at a tag or digest, as exact bytes with its media type (to put
    /// back byte for byte, or to read as JSON), or null when the registry has no such manifest.
    /// </summary>
    public async Task<ManifestBytes?> ManifestAsync(string reference)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v2/{repository.Repository}/manifests/{reference}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new ManifestBytes(response.Content.Headers.ContentType?.MediaType ?? MediaTypeOf(bytes), bytes);
    }

    /// <summary>Puts a manifest under a tag or its digest; a refusal throws with its status.</summary>
    public async Task PutManifestAsync(string reference, ManifestBytes manifest)
    {
        using var response = await SendAsync(HttpMethod.Put, $"v2/{repository.Repository}/manifests/{reference}", () =>
        {
            var content = new ByteArrayContent(manifest.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            return content;
        });
        response.EnsureSuccessStatusCode();
    }

    static string MediaTypeOf(byte[] bytes) => IndexMediaType(Encoding.UTF8.GetString(bytes));

    /// <summary>The manifest's own mediaType field (an OCI index when it has none).</summary>
    public static string IndexMediaType(string json) =>
        JsonNode.Parse(json)?["mediaType"]?.GetValue<string>() ?? "application/vnd.oci.image.index.v1+json";

    /// <summary>A JSON blob (an attestation's in-toto statement, a config).</summary>
    public async Task<JsonNode?> JsonBlobAsync(string digest)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v2/{repository.Repository}/blobs/{digest}");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Whether the registry serves a blob (HEAD, nothing downloaded).</summary>
    public async Task<bool> BlobExistsAsync(string digest)
    {
        using var response = await SendAsync(HttpMethod.Head, $"v2/{repository.Repository}/blobs/{digest}");
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Deletes a manifest by digest; the registry drops every tag pointing at it. Returns the HTTP status.</summary>
    public async Task<HttpStatusCode> DeleteAsync(string digest)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"v2/{repository.Repository}/manifests/{digest}");
        return response.StatusCode;
    }

    internal async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Func<HttpContent>? content = null)
    {
        var actions = method == HttpMethod.Delete ? "pull,push,delete" : method == HttpMethod.Put ? "pull,push" : "pull";
        var sentWith = authorization;
        var response = await http.SendAsync(Request(method, path, content));
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
        // Calls at once: another one answered the challenge while this one was on its way without the answer.
        if (authorization is not null && !ReferenceEquals(authorization, sentWith) && granted.Contains(actions))
        {
            response.Dispose();
            return await http.SendAsync(Request(method, path, content));
        }
        // Asked again when a call needs more than the token was granted for (a pull token cannot push).
        if (authorization is not null && granted.Contains(actions)) return response;
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        response.Dispose();
        authorization = await AuthorizeAsync(challenge, actions);
        granted = actions;
        return await http.SendAsync(Request(method, path, content));
    }

    string granted = "";

    HttpRequestMessage Request(HttpMethod method, string path, Func<HttpContent>? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content?.Invoke() };
        request.Headers.TryAddWithoutValidation("Accept", ManifestTypes);
        request.Headers.Authorization = authorization;
        return request;
    }

    async Task<AuthenticationHeaderValue?> AuthorizeAsync(AuthenticationHeaderValue? challenge, string actions)
    {
        // The password is revealed only into the Authorization header.
        var basic = await login() is { } found
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{found.Username}:{found.Password.Reveal()}")))
            : null;
        if (challenge is null || challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)) return basic;
        // Bearer: ask the realm for a token scoped to this repository (ghcr.io, Docker Hub).
        var parameters = ChallengeParameters(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm)) return basic;
        var query = $"?scope={Uri.EscapeDataString($"repository:{repository.Repository}:{actions}")}"
                    + (parameters.TryGetValue("service", out var service) ? $"&service={Uri.EscapeDataString(service)}" : "");
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, realm + query);
        tokenRequest.Headers.Authorization = basic;
        using var tokenResponse = await http.SendAsync(tokenRequest);
        if (!tokenResponse.IsSuccessStatusCode) return basic;
        var body = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var token = (body?["token"] ?? body?["access_token"])?.GetValue<string>();
        return token is null ? basic : new AuthenticationHeaderValue("Bearer", token);
    }

    static Dictionary<string, string> ChallengeParameters(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim().Trim('"'), StringComparer.OrdinalIgnoreCase);

    public void Dispose() => http.Dispose();
}

/// <summary>A manifest as the registry stores it: the digest is over exactly these bytes.</summary>
internal sealed record ManifestBytes(string MediaType, byte[] Bytes)
{
    public string Digest => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Bytes));

    /// <summary>The manifest as JSON (an empty object when it is not one); parsed on each read, manifests are small.</summary>
    public JsonObject Json => JsonNode.Parse(Bytes) as JsonObject ?? new JsonObject();

    /// <summary>The digests an index lists (empty for a single manifest).</summary>
    public IReadOnlyList<string> ChildDigests =>
        (Json["manifests"] as JsonArray)?.Select(m => m?["digest"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
}

/// <summary>A tag list whose pages cannot be followed (too many, or leading to another host).</summary>
internal sealed class RegistryPagingException(string message) : InvalidOperationException(message);
