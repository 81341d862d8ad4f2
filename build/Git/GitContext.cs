using GitHub;

namespace Git;

/// <summary>
/// The context of a local run, from git (<see cref="GitHead"/>): the branch (or, on a detached HEAD, a tag
/// pointing at it), the HEAD sha and its committer date, owner/repo from the origin remote, and origin's
/// default branch. The event is "push".
/// </summary>
internal static class GitContext
{
    public static async Task<GitHubContext> LoadAsync(string directory)
    {
        var head = await GitHead.ReadAsync(directory);
        return new GitHubContext
        {
            EventName = "push",
            Sha = head.Sha,
            Ref = head.Ref,
            Repository = GitRemote.Repository(head.OriginUrl),
            Actor = head.UserName,
            CommitDate = head.CommitDate,
            DefaultBranch = head.DefaultBranch,
        };
    }

    /// <summary>"owner/repo" from a remote URL: <see cref="GitRemote.Repository"/>.</summary>
    public static string RepositoryFromRemote(string url) => GitRemote.Repository(url);
}
