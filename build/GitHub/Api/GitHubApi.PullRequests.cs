using Octokit;

namespace GitHub.Api;

/// <summary>An open pull request: its number and page.</summary>
internal sealed record PullRequestLink(int Number, string Url);

/// <summary>
/// Pull requests. Unlike the reads in GitHubApi.cs, which only enrich labels, these are what the target is for:
/// a failure is a <see cref="BuildError"/> of one line, not a warning.
/// </summary>
internal sealed partial class GitHubApi
{
    /// <summary>The open pull request from <paramref name="branch"/> of this repository (not a fork's), if there is one.</summary>
    public async Task<PullRequestLink?> FindOpenPullRequestAsync(string owner, string name, string branch)
    {
        try
        {
            var open = await Client.PullRequest.GetAllForRepository(owner, name,
                new PullRequestRequest { State = ItemStateFilter.Open, Head = $"{owner}:{branch}" }, new ApiOptions { PageSize = 100, PageCount = 1 });
            // Checked here too: the head filter is the server's, and a fork's branch of the same name is not ours.
            return open.FirstOrDefault(pull => pull.Head?.Ref == branch && (pull.Head.Repository is null || pull.Head.Repository.Owner?.Login == owner))
                is { } found ? new PullRequestLink(found.Number, found.HtmlUrl) : null;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
        {
            throw new BuildError($"Could not list the open pull requests of {owner}/{name} at {apiUrl} ({Reason(e)}).");
        }
    }

    /// <summary>Opens a pull request from <paramref name="branch"/> into <paramref name="baseBranch"/>.</summary>
    public async Task<PullRequestLink> CreatePullRequestAsync(string owner, string name, string branch, string baseBranch, string title, string body)
    {
        try
        {
            var created = await Client.PullRequest.Create(owner, name, new NewPullRequest(title, branch, baseBranch) { Body = body });
            return new PullRequestLink(created.Number, created.HtmlUrl);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
        {
            throw new BuildError($"Could not open a pull request from {branch} into {baseBranch} of {owner}/{name} at {apiUrl} ({Reason(e)}); " +
                                 "the job needs 'pull-requests: write' and the repository must let Actions create pull requests.");
        }
    }
}
