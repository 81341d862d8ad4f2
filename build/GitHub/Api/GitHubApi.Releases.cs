using Octokit;

namespace GitHub.Api;

/// <summary>A published release of a repository: its tag, title, notes (Markdown) and page.</summary>
internal sealed record ReleaseNote(string Tag, string Name, string Body, string Url);

internal sealed partial class GitHubApi
{
    /// <summary>
    /// The published releases of <paramref name="owner"/>/<paramref name="name"/>, newest first, read page by page until
    /// the page that holds <paramref name="oldestWanted"/> (every release after it is then read) or the last page.
    /// Null, after a warning, when the API cannot be read: release notes help a reader, they never stop a build.
    /// </summary>
    public async Task<IReadOnlyList<ReleaseNote>?> GetReleasesAsync(string owner, string name, string oldestWanted, int maxPages = 10)
    {
        var releases = new List<ReleaseNote>();
        try
        {
            for (var page = 1; page <= maxPages; page++)
            {
                var batch = await Client.Repository.Release.GetAll(owner, name, new ApiOptions { PageSize = 100, PageCount = 1, StartPage = page });
                releases.AddRange(batch.Where(release => !release.Draft)
                    .Select(release => new ReleaseNote(release.TagName ?? "", release.Name ?? "", release.Body ?? "", release.HtmlUrl ?? "")));
                if (batch.Count < 100 || batch.Any(release => release.TagName == oldestWanted)) break;
            }
            return releases;
        }
        catch (Exception e) // any failure of the API (network, status, body) is a warning, never a failed build
        {
            Log.Warning($"Could not read the releases of {owner}/{name} from the GitHub API at {apiUrl} ({Reason(e)}); the pull request links them instead");
            return null;
        }
    }
}
