using Tooling;

namespace Git;

/// <summary>The edge where the build asks git about, and changes, the repository it runs in.</summary>
internal static class GitRepository
{
    public const string DefaultRemote = "origin";

    /// <summary>Reads the facts of the repository that contains <paramref name="directory"/>; one clear error outside a repository.</summary>
    public static async Task<GitRepositoryFacts> ReadAsync(string directory)
    {
        if (!Directory.Exists(directory))
            throw new BuildError($"Directory '{directory}' does not exist, so it has no git repository.");
        var top = await ToolRunner.RunAsync(GitCommands.TopLevelAndShallow(directory), echoOutput: false);
        if (!top.Succeeded)
            throw new BuildError($"'{directory}' is not inside a git repository; clone the repository (or run 'git init') and build from there.");
        var topLevel = top.StandardOutput.Split('\n')[0].Trim();
        var head = await ToolRunner.RunAsync(GitCommands.Head(topLevel), echoOutput: false);
        if (!head.Succeeded)
            throw new BuildError($"The git repository at '{topLevel}' has no commit checked out yet; commit something first.");
        var status = await ToolRunner.RunCheckedAsync(GitCommands.UncommittedChanges(topLevel), echoOutput: false);
        var origin = await ToolRunner.RunAsync(GitCommands.RemoteUrl(topLevel, DefaultRemote), echoOutput: false);
        return GitRepositoryFacts.Parse(top.StandardOutput, head.StandardOutput, status.StandardOutput,
            origin.Succeeded ? origin.StandardOutput : null);
    }

    /// <summary>Fetches the whole history and all tags of a shallow clone.</summary>
    public static Task UnshallowAsync(GitRepositoryFacts repository) =>
        ToolRunner.RunCheckedAsync(GitCommands.Unshallow(repository.TopLevel, DefaultRemote));

    /// <summary>Fetches the remote's tags.</summary>
    public static Task<ToolResult> FetchTagsAsync(GitRepositoryFacts repository) =>
        ToolRunner.RunAsync(GitCommands.FetchTags(repository.TopLevel, DefaultRemote));
}
