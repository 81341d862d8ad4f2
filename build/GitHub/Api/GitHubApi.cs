using Octokit;

namespace GitHub.Api;

/// <summary>
/// The few REST calls the build makes, through Octokit at GITHUB_API_URL (GitHub Enterprise works) with
/// GITHUB_TOKEN when set. A failed call is a warning and a null result: the build never fails for the API.
/// </summary>
internal sealed partial class GitHubApi
{
    /// <summary>The product in the User-Agent of every API call (GitHub requires one); the build's, not the image's.</summary>
    internal const string Product = "container-image-build";

    readonly Lazy<GitHubClient> lazyClient;
    readonly string apiUrl;

    public GitHubApi(string apiUrl, Secret? token, TimeSpan? timeout = null)
    {
        // Departure from GitHubClient(Uri): that constructor rewrites any non-github.com host to /api/v3/;
        // GITHUB_API_URL already is the API root (https://ghes.example.com/api/v3 on Enterprise).
        this.apiUrl = apiUrl.TrimEnd('/') + "/";
        // Made on the first call: a run that never calls the API (most local runs) never builds an Octokit client.
        lazyClient = new(() =>
        {
            var client = new GitHubClient(new Connection(new ProductHeaderValue(Product), new Uri(this.apiUrl)));
            if (CredentialsOf(token) is { } credentials) client.Credentials = credentials;
            client.SetRequestTimeout(timeout ?? TimeSpan.FromSeconds(15));
            return client;
        });
    }

    GitHubClient Client => lazyClient.Value;

    /// <summary>
    /// A token as Octokit's credentials and as an HTTP Authorization header, for every GitHub API client of the build:
    /// the one place a GitHub token is revealed. Null for no token (anonymous calls).
    /// </summary>
    internal static Credentials? CredentialsOf(Secret? token) => token is { IsEmpty: false } ? new Credentials(token.Reveal()) : null;

    /// <inheritdoc cref="CredentialsOf"/>
    internal static System.Net.Http.Headers.AuthenticationHeaderValue? AuthorizationOf(Secret? token) =>
        token is { IsEmpty: false } ? new("Bearer", token.Reveal()) : null;

    public async Task<RepositoryData?> GetRepositoryAsync(string owner, string name)
    {
        try
        {
            var repository = await Client.Repository.Get(owner, name);
            return new RepositoryData(repository.Name ?? "", repository.Description ?? "", repository.HtmlUrl ?? "",
                repository.License?.SpdxId ?? "", repository.DefaultBranch ?? "");
        }
        catch (Exception e) // any failure of the API (network, status, body) is a warning, never a failed build
        {
            Log.Warning($"Could not read repository {owner}/{name} from the GitHub API at {apiUrl} ({Reason(e)}); labels use only what the context and git know");
            return null;
        }
    }

    public async Task<DateTimeOffset?> GetCommitDateAsync(string owner, string name, string sha)
    {
        try
        {
            var commit = await Client.Repository.Commit.Get(owner, name, sha);
            return commit.Commit?.Committer?.Date;
        }
        catch (Exception e) // any failure of the API (network, status, body) is a warning, never a failed build
        {
            Log.Warning($"Could not read the date of commit {sha} from the GitHub API at {apiUrl} ({Reason(e)}); using the current time");
            return null;
        }
    }

    static string Reason(Exception e) => e is ApiException api ? $"{(int)api.StatusCode} {api.Message}" : e.Message.Split('\n')[0];
}
