using Tooling;

namespace Git;

/// <summary>
/// A copy of a repository that a tool may change freely: every ref of the original (branches, remote-tracking
/// branches, tags), the same HEAD and origin URL, objects shared through git's alternates (nothing is copied but
/// refs and the working tree). GitVersion normalises such a copy on GitHub Actions instead of the user's repository.
/// </summary>
internal static class ThrowawayClone
{
    /// <summary>
    /// Makes the copy in <paramref name="destination"/>; returns the directory in it that matches <paramref name="directory"/>.
    /// <paramref name="workTreeFiles"/> (relative to the top level) are copied as they are now, uncommitted edits included.
    /// </summary>
    public static async Task<string> CreateAsync(string directory, string destination, IReadOnlyList<string> workTreeFiles)
    {
        var top = ToolResult.Lines(await RunAsync(GitCommands.TopLevelAndShallow(directory))).FirstOrDefault() ?? directory;
        var objects = Path.Combine(await RunAsync(GitCommands.CommonDirectory(directory)), "objects");
        var head = await RunAsync(GitCommands.VerifyHead(top));
        var branch = await RunAsync(GitCommands.SymbolicRef(top, "HEAD"), allowFailure: true);
        var origin = await RunAsync(GitCommands.RemoteUrl(top, GitRepository.DefaultRemote), allowFailure: true);

        await RunAsync(GitCommands.Init(destination));
        await File.WriteAllTextAsync(Path.Combine(destination, ".git", "objects", "info", "alternates"), objects + "\n");
        await RunAsync(GitCommands.FetchEveryRef(destination, top));
        await RunAsync(branch.Length > 0 ? GitCommands.PointHeadAt(destination, branch) : GitCommands.DetachHeadAt(destination, head));
        await RunAsync(GitCommands.ResetWorkTree(destination));
        if (origin.Length > 0) await RunAsync(GitCommands.AddRemote(destination, GitRepository.DefaultRemote, origin));
        foreach (var name in workTreeFiles.Where(name => File.Exists(Path.Combine(top, name))))
            File.Copy(Path.Combine(top, name), Path.Combine(destination, name), overwrite: true);
        return Path.Combine(destination, Path.GetRelativePath(top, directory));
    }

    static async Task<string> RunAsync(ToolCommand command, bool allowFailure = false)
    {
        var result = await ToolRunner.RunAsync(command, echoOutput: false);
        if (result.Succeeded || allowFailure) return result.Succeeded ? result.StandardOutput.Trim() : "";
        var reason = ToolResult.Lines(result.StandardError).LastOrDefault() ?? $"exit code {result.ExitCode}";
        // Arguments after "-C <directory>": the subcommand and its first argument.
        throw new BuildError($"Could not copy the repository ('git {string.Join(' ', command.Arguments.Skip(2).Take(2))}'): {reason}");
    }
}
