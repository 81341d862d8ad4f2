using Tooling;

namespace Git;

/// <summary>
/// What a local run's context needs from git, read through <see cref="GitCommands"/> (LC_ALL=C, no prompt):
/// HEAD's sha and ref (on a detached HEAD, a tag pointing at it), its committer date, the origin URL, the user
/// name and origin's default branch. Every field is empty/null when git cannot tell (no repository, no commit).
/// </summary>
internal sealed record GitHead
{
    public string Sha { get; init; } = "";
    /// <summary>"refs/heads/main", "refs/tags/v1" on a detached HEAD at a tag, or "".</summary>
    public string Ref { get; init; } = "";
    public DateTimeOffset? CommitDate { get; init; }
    public string OriginUrl { get; init; } = "";
    public string UserName { get; init; } = "";
    public string? DefaultBranch { get; init; }

    public static async Task<GitHead> ReadAsync(string directory)
    {
        async Task<string> Read(ToolCommand command)
        {
            var result = await ToolRunner.RunAsync(command, echoOutput: false);
            return result.Succeeded ? result.StandardOutput.Trim() : "";
        }

        // Independent questions, asked at once: each is a git process start (tens of ms), the run's first wait.
        const string originPrefix = "refs/remotes/" + GitRepository.DefaultRemote + "/";
        var (shaRead, referenceRead, dateRead) = (Read(GitCommands.VerifyHead(directory)), Read(GitCommands.SymbolicRef(directory, "HEAD")), Read(GitCommands.CommitDate(directory)));
        var (originHeadRead, originUrlRead, userNameRead) = (Read(GitCommands.SymbolicRef(directory, originPrefix + "HEAD")),
            Read(GitCommands.RemoteUrl(directory, GitRepository.DefaultRemote)), Read(GitCommands.Config(directory, "user.name")));
        var (sha, reference, date, originHead) = (await shaRead, await referenceRead, await dateRead, await originHeadRead);
        if (reference.Length == 0 && sha.Length > 0 && ToolResult.Lines(await Read(GitCommands.TagsAtHead(directory))).FirstOrDefault() is { } tag)
            reference = "refs/tags/" + tag;
        return new GitHead
        {
            Sha = sha,
            Ref = reference,
            CommitDate = DateTimeOffset.TryParse(date, out var commitDate) ? commitDate : null,
            OriginUrl = await originUrlRead,
            UserName = await userNameRead,
            DefaultBranch = originHead.StartsWith(originPrefix, StringComparison.Ordinal) ? originHead[originPrefix.Length..] : null,
        };
    }
}
