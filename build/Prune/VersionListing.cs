using System.Net;
using System.Net.Http.Headers;
using Octokit;

namespace Prune;

/// <summary>
/// Reads every active version of a package, page by page as the Link headers lead, with bounds: at most
/// <see cref="MaxPages"/> pages, a page asked for twice ends the run (a Link that leads back), a version id seen
/// twice too, and a next page on another host is not followed (the request carries the token). Each page is
/// checked by <see cref="VersionPage"/>. The bytes are read here rather than through Octokit's serializer, which
/// turns an object into a one-element list and a missing field into a default value.
/// </summary>
internal sealed class VersionListing(HttpClient http, Uri apiRoot, ApiRetry retry)
{
    /// <summary>100 versions a page: 100,000 versions, far beyond any package this build publishes.</summary>
    public const int MaxPages = 1000;

    public async Task<IReadOnlyList<PackageVersion>> ReadAsync(string path, CancellationToken cancel)
    {
        var versions = new List<PackageVersion>();
        var ids = new HashSet<long>();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        Uri? page = new(apiRoot, path + "?state=active&per_page=100");
        for (var number = 1; page is not null; number++)
        {
            if (number > MaxPages) throw new BuildError($"Nothing deleted: GitHub's API gave more than {MaxPages} pages of versions of {path}; stopped there.");
            if (!asked.Add(page.AbsoluteUri)) throw new BuildError($"Nothing deleted: GitHub's API led back to a page it had given ({Show(page)}); stopped there.");
            var (body, next) = await retry.RunAsync($"GET {Show(page)}", () => GetAsync(page, cancel), cancel);
            foreach (var version in VersionPage.Parse(body, number))
                versions.Add(ids.Add(version.Id) ? version
                    : throw new BuildError($"Nothing deleted: GitHub's API listed version {version.Id} twice (again on page {number}); stopped there."));
            page = next;
        }
        return versions;
    }

    async Task<(string Body, Uri? Next)> GetAsync(Uri page, CancellationToken cancel)
    {
        using var response = await http.GetAsync(page, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode) throw Failure(response, body);
        return (body, Next(response, page));
    }

    /// <summary>The <c>rel="next"</c> link, resolved against the page; only on the API's own host.</summary>
    Uri? Next(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        foreach (var link in values.SelectMany(value => value.Split(',')))
        {
            var (open, close) = (link.IndexOf('<'), link.IndexOf('>'));
            if (open < 0 || close < open || !link[close..].Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase)) continue;
            if (!Uri.TryCreate(current, link[(open + 1)..close], out var next))
                throw new BuildError($"Nothing deleted: GitHub's API sent a next-page link that is no address ({link.Trim()}).");
            return Uri.Compare(next, apiRoot, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0 ? next
                : throw new BuildError($"Nothing deleted: GitHub's API sent the next page of versions to another host ({next.Host}); not followed.");
        }
        return null;
    }

    string Show(Uri page) => page.AbsoluteUri.StartsWith(apiRoot.AbsoluteUri, StringComparison.Ordinal) ? "/" + page.AbsoluteUri[apiRoot.AbsoluteUri.Length..] : page.AbsoluteUri;

    /// <summary>An error answer as Octokit's exceptions, so retries and messages are those of every other API call.</summary>
    static ApiException Failure(HttpResponseMessage response, string body)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)));
        var answer = new RawResponse(response.StatusCode, body, headers, response.Content.Headers.ContentType?.MediaType ?? "application/json");
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new AuthorizationException(answer),
            HttpStatusCode.NotFound => new NotFoundException(answer),
            HttpStatusCode.Forbidden => new ForbiddenException(answer),
            _ => new ApiException(answer),
        };
    }

    sealed class RawResponse(HttpStatusCode status, string body, IReadOnlyDictionary<string, string> headers, string contentType) : IResponse
    {
        public object Body => body;
        public IReadOnlyDictionary<string, string> Headers => headers;
        public ApiInfo ApiInfo => null!; // read by nothing an error answer goes through
        public HttpStatusCode StatusCode => status;
        public string ContentType => contentType;
    }

    /// <summary>The client for GitHub's REST API with the token (never logged: it is a registered secret).</summary>
    public static HttpClient Client(Secret? token)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue(GitHub.Api.GitHubApi.Product, "1.0"));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        http.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        http.DefaultRequestHeaders.Authorization = GitHub.Api.GitHubApi.AuthorizationOf(token);
        return http;
    }
}
