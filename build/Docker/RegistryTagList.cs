using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Docker;

/// <summary>
/// Every tag of a repository through the registry API, page after page as the registry's Link header leads
/// (the distribution spec's pagination; ghcr.io pages long lists). Authentication is <see cref="RegistryApi"/>'s:
/// Basic with docker's stored login, or a Bearer challenge answered by the realm's token (anonymous without a
/// login, which is how ghcr.io serves public images). Every failure is a <see cref="BuildError"/> of one line.
/// </summary>
internal static class RegistryTagList
{
    /// <summary>A bound on pages, so a registry whose Link never ends cannot keep the build going.</summary>
    const int MaxPages = 1000;

    public static async Task<IReadOnlyList<string>> ListAsync(RegistryApi api, ImageReference repository, int pageSize = 1000)
    {
        var tags = new List<string>();
        var page = new Uri(repository.BaseUri, $"v2/{repository.Repository}/tags/list?n={pageSize}");
        for (var count = 0; page is not null; count++)
        {
            if (count == MaxPages) throw new BuildError($"{repository.Registry} gave more than {MaxPages} pages of tags for {repository}; stopped there.");
            using var response = await GetAsync(api, repository, page);
            Check(response, repository);
            tags.AddRange(Tags(await response.Content.ReadAsStringAsync(), repository));
            page = NextPage(response, page, repository);
        }
        return tags;
    }

    static async Task<HttpResponseMessage> GetAsync(RegistryApi api, ImageReference repository, Uri page)
    {
        try { return await api.SendAsync(HttpMethod.Get, page.AbsoluteUri); }
        catch (HttpRequestException e)
        {
            throw new BuildError($"Cannot reach the registry {repository.Registry} to list the tags of {repository} ({e.Message.Split('\n')[0]}); check the image name and the network.");
        }
        catch (TaskCanceledException)
        {
            throw new BuildError($"The registry {repository.Registry} did not answer in time while listing the tags of {repository}.");
        }
    }

    static void Check(HttpResponseMessage response, ImageReference repository)
    {
        if (response.IsSuccessStatusCode) return;
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        throw new BuildError(response.StatusCode switch
        {
            // After RegistryApi's one answer to the challenge: the token (or login) it got, if any, was not accepted.
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"{repository.Registry} refused to list the tags of {repository} ({status}): neither an anonymous token nor docker's login for it was accepted; for a private image run 'docker login {repository.Registry}'.",
            HttpStatusCode.NotFound => $"{repository} has no tag list in its registry ({status}); check the image name.",
            _ => $"{repository.Registry} failed to list the tags of {repository} ({status}).",
        });
    }

    static IEnumerable<string> Tags(string json, ImageReference repository)
    {
        try
        {
            // "tags": null is what registry 2.8 answers for a repository whose tags were all deleted.
            return (JsonNode.Parse(json)?["tags"] as JsonArray)?.Select(tag => tag?.GetValue<string>()).OfType<string>().ToList() ?? [];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new BuildError($"{repository.Registry} answered the tag list of {repository} with something that is not a tag list.");
        }
    }

    /// <summary>
    /// <c>Link: &lt;/v2/name/tags/list?n=1000&amp;last=x&gt;; rel="next"</c>, resolved against the page it came with.
    /// Only on the same registry: the request carries the registry's credentials.
    /// </summary>
    public static Uri? NextPage(HttpResponseMessage response, Uri current, ImageReference repository)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links.SelectMany(value => value.Split(',')))
        {
            var (open, close) = (link.IndexOf('<'), link.IndexOf('>'));
            if (open < 0 || close < open || !link[close..].Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase)) continue;
            var next = new Uri(current, link[(open + 1)..close]);
            return Uri.Compare(next, current, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0 ? next
                : throw new BuildError($"{repository.Registry} sent the next page of {repository}'s tags to another host ({next.Host}); not followed.");
        }
        return null;
    }
}
