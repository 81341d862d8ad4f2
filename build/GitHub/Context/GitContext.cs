using System.Text.RegularExpressions;
using Tooling;

namespace GitHub.Context;

/// <summary>
/// The context of a local run, from git: the branch (or, on a detached HEAD, a tag pointing at it), the HEAD
/// sha and its committer date, owner/repo from the origin remote, and origin's default branch. The event is "push".
/// </summary>
public static partial class GitContext
{
    public static async Task<GitHubContext> LoadAsync(string directory)
    {
        async Task<string> Git(params string[] arguments)
        {
            var result = await ToolRunner.RunAsync(new ToolCommand("git", arguments) { WorkingDirectory = directory }, echoOutput: false);
            return result.Succeeded ? result.StandardOutput.Trim() : "";
        }

        var sha = await Git("rev-parse", "--verify", "-q", "HEAD");
        var reference = await Git("symbolic-ref", "-q", "HEAD");
        if (reference.Length == 0 && sha.Length > 0)
        {
            var tag = (await Git("tag", "--points-at", "HEAD")).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (tag is not null) reference = "refs/tags/" + tag;
        }
        var date = await Git("log", "-1", "--format=%cI", "HEAD");
        var originHead = await Git("symbolic-ref", "-q", "refs/remotes/origin/HEAD");
        return new GitHubContext
        {
            EventName = "push",
            Sha = sha,
            Ref = reference,
            Repository = RepositoryFromRemote(await Git("remote", "get-url", "origin")),
            Actor = await Git("config", "user.name"),
            CommitDate = DateTimeOffset.TryParse(date, out var commitDate) ? commitDate : null,
            DefaultBranch = originHead.StartsWith("refs/remotes/origin/") ? originHead["refs/remotes/origin/".Length..] : null,
        };
    }

    /// <summary>"owner/repo" from an https, ssh or scp-style remote URL ("" when it names none).</summary>
    public static string RepositoryFromRemote(string url)
    {
        url = url.Trim();
        if (url.Length == 0 || url.StartsWith('/') || url.StartsWith('.') || url.StartsWith("file:")) return "";
        var match = RemotePath().Match(url);
        return match.Success ? $"{match.Groups["owner"].Value}/{match.Groups["repo"].Value}" : "";
    }

    [GeneratedRegex(@"[:/](?<owner>[^/:]+)/(?<repo>[^/]+?)(\.git)?/?$")]
    private static partial Regex RemotePath();
}
