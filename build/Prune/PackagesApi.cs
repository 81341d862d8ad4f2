using System.Net;
using Octokit;

namespace Prune;

/// <summary>Where a package's versions live: <c>orgs/{org}</c>, <c>user</c> (the token's own) or <c>users/{user}</c>.</summary>
internal sealed record PackageOwner(string Login, string PathPrefix, bool IsOrganization);

/// <summary>
/// GitHub's Packages and Pulls REST API through Octokit's connection at GITHUB_API_URL. Octokit 14's
/// IPackageVersionsClient takes int version ids and does not URL-encode a package name with '/' (repo/app
/// must be repo%2Fapp), so the package calls go through its ApiConnection with our own paths; the version list,
/// the data deletions are planned from, is read and checked by <see cref="VersionListing"/>. Every call honours the
/// run's cancellation (the first SIGINT or SIGTERM).
/// </summary>
internal sealed class PackagesApi : IDisposable
{
    readonly GitHubClient client;
    readonly ApiConnection api;
    readonly ApiRetry retry;
    readonly HttpClient http;
    readonly CancellationToken cancel;

    public PackagesApi(string apiUrl, Secret? token, ApiRetry retry, CancellationToken cancel = default)
    {
        ApiUrl = apiUrl.TrimEnd('/');
        // Not GitHubClient(Uri): that rewrites non-github.com hosts to /api/v3/; GITHUB_API_URL already is the root.
        var connection = new Connection(new ProductHeaderValue(GitHub.Api.GitHubApi.Product), new Uri(ApiUrl + "/"));
        if (GitHub.Api.GitHubApi.CredentialsOf(token) is { } credentials) connection.Credentials = credentials;
        client = new GitHubClient(connection);
        client.SetRequestTimeout(TimeSpan.FromSeconds(30));
        api = new ApiConnection(connection);
        http = VersionListing.Client(token);
        (this.retry, this.cancel) = (retry, cancel);
    }

    public void Dispose() => http.Dispose();

    public string ApiUrl { get; }

    /// <summary>Organisation or user: the package paths differ, and a user's own token uses <c>/user</c>.</summary>
    public async Task<PackageOwner> OwnerAsync(string login)
    {
        var account = await retry.RunAsync($"GET /users/{login}", () => client.User.Get(login), cancel);
        if (account.Type == AccountType.Organization) return new(login, $"orgs/{Escape(login)}", true);
        try
        {
            var current = await retry.RunAsync("GET /user", () => client.User.Current(), cancel);
            if (string.Equals(current.Login, login, StringComparison.OrdinalIgnoreCase)) return new(login, "user", false);
        }
        catch (ApiException) { } // an Actions GITHUB_TOKEN cannot read /user: then /users/{login}
        return new(login, $"users/{Escape(login)}", false);
    }

    /// <summary>Every active version (pages of 100, following the Link headers), each checked before it is used.</summary>
    public Task<IReadOnlyList<PackageVersion>> VersionsAsync(PackageOwner owner, string package) =>
        new VersionListing(http, new Uri(ApiUrl + "/"), retry).ReadAsync(VersionsPath(owner, package), cancel);

    public async Task<PullRequestState> PullRequestAsync(string owner, string repository, int number)
    {
        try
        {
            var pull = await retry.RunAsync($"GET /repos/{owner}/{repository}/pulls/{number}", () => client.PullRequest.Get(owner, repository, number), cancel);
            return pull.State.Value == ItemState.Open ? PullRequestState.Open : PullRequestState.Closed;
        }
        catch (NotFoundException) { return PullRequestState.Unknown; } // e.g. pr-N of another repository: kept
    }

    /// <summary>Deletes a version; null on success (or when already gone), else why the API refused.</summary>
    public async Task<string?> DeleteAsync(PackageOwner owner, string package, long id)
    {
        try
        {
            // Not abandoned half-way: a DELETE that was sent is waited for, so the log says what happened to it.
            await retry.RunAsync($"DELETE version {id}", () => api.Delete(new Uri($"{VersionsPath(owner, package)}/{id}", UriKind.Relative)));
            return null;
        }
        catch (NotFoundException) { return null; }
        catch (AuthorizationException e) { throw new BuildError($"GitHub rejected the token ({ApiRetry.Describe(e)}): pass a valid --github-token."); }
        // 403/400/422: the 5,000-downloads rule, or a token without admin on the package. Another attempt cannot help.
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            return ApiRetry.Describe(e);
        }
    }

    /// <summary>The call that brings a deleted version back (GitHub keeps it 30 days).</summary>
    public string RestoreCommand(PackageOwner owner, string package, long id) =>
        $"gh api --method POST /{VersionsPath(owner, package)}/{id}/restore";

    static string VersionsPath(PackageOwner owner, string package) => $"{owner.PathPrefix}/packages/container/{Escape(package)}/versions";

    static string Escape(string segment) => Uri.EscapeDataString(segment);
}
