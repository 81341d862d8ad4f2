namespace Git;

/// <summary>What git says about the repository a build runs in, read once (<see cref="GitRepository.ReadAsync"/>).</summary>
internal sealed record GitRepositoryFacts
{
    /// <summary>The work tree's top-level directory.</summary>
    public required string TopLevel { get; init; }
    public required string Sha { get; init; }
    /// <summary>The checked-out branch ("main", "feature/x"), or null on a detached HEAD.</summary>
    public string? Branch { get; init; }
    public bool IsDetached => Branch is null;
    public bool IsShallow { get; init; }
    /// <summary>`git status --porcelain` lines: modified, staged and untracked paths.</summary>
    public IReadOnlyList<string> UncommittedChanges { get; init; } = [];
    /// <summary>The "origin" remote's URL, or null when there is no such remote.</summary>
    public string? OriginUrl { get; init; }
    /// <summary>"owner/repo" named by the origin URL ("" for a local path or no origin).</summary>
    public string Repository => OriginUrl is null ? "" : GitRemote.Repository(OriginUrl);

    public string ShortSha => Sha.Length > 7 ? Sha[..7] : Sha;

    /// <summary>Builds the facts from the outputs of the <see cref="GitCommands"/> queries.</summary>
    public static GitRepositoryFacts Parse(string topLevelAndShallow, string head, string status, string? originUrl)
    {
        var top = Tooling.ToolResult.Lines(topLevelAndShallow);
        var headLines = Tooling.ToolResult.Lines(head);
        if (top.Length < 2 || headLines.Length < 2)
            throw new FormatException($"Unexpected git rev-parse output: '{topLevelAndShallow.Trim()}' / '{head.Trim()}'");
        const string branchPrefix = "refs/heads/";
        var symbolic = headLines[1];
        return new GitRepositoryFacts
        {
            TopLevel = top[0],
            IsShallow = top[1] == "true",
            Sha = headLines[0],
            // Any other symbolic name ("HEAD", "refs/remotes/...") means HEAD is not on a local branch.
            Branch = symbolic.StartsWith(branchPrefix, StringComparison.Ordinal) ? symbolic[branchPrefix.Length..] : null,
            UncommittedChanges = status.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToArray(),
            OriginUrl = string.IsNullOrWhiteSpace(originUrl) ? null : originUrl.Trim(),
        };
    }
}
