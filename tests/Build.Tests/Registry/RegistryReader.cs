using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Build.Tests.Registry;

/// <summary>Reads a registry back through its HTTP API with basic auth, independently of the build's own code.</summary>
public sealed class RegistryReader(string address, string user, string password)
{
    readonly HttpClient http = new()
    {
        BaseAddress = new Uri($"http://{address}/v2/"),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))) },
    };

    public async Task<IReadOnlyList<string>> TagsAsync(string repository)
    {
        var response = await http.GetAsync($"{repository}/tags/list");
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        var json = JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        return (json?["tags"] as JsonArray)?.Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).ToList() ?? [];
    }

    /// <summary>The manifest (index or image) at a tag or digest, with the digest the registry reports.</summary>
    public async Task<(string Digest, JsonObject Manifest)> ManifestAsync(string repository, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{repository}/manifests/{reference}");
        request.Headers.TryAddWithoutValidation("Accept", global::Registry.RegistryApi.ManifestTypes);
        var response = (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return (response.Headers.GetValues("Docker-Content-Digest").First(), (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public async Task<JsonObject> BlobAsync(string repository, string digest) =>
        (JsonObject)JsonNode.Parse(await (await http.GetAsync($"{repository}/blobs/{digest}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
}
