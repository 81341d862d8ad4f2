using Tooling;

namespace Versioning;

/// <summary>
/// A copy of a repository for GitVersion to normalise. On a build server GitVersion "normalises" the repository
/// it runs on: it creates local branches (pull/7/merge, from GITHUB_REF) and moves HEAD. With GITHUB_ACTIONS=true
/// outside a real runner that would be the user's own repository, so it runs on this copy instead: every ref
/// of the original (branches, remote-tracking branches, tags), the same HEAD and origin URL, objects shared
/// through git's alternates (nothing is copied but refs and the working tree).
/// </summary>
internal static class ThrowawayClone
{
    static readonly string[] ConfigurationFiles = ["GitVersion.yml", "GitVersion.yaml", ".GitVersion.yml", ".GitVersion.yaml"];

    /// <summary>Makes the copy in <paramref name="destination"/>; returns the directory in it that matches <paramref name="directory"/>.</summary>
    public static async Task<string> CreateAsync(string directory, string destination)
    {
        var top = await GitAsync(directory, false, "rev-parse", "--show-toplevel");
        var objects = Path.Combine(await GitAsync(directory, false, "rev-parse", "--path-format=absolute", "--git-common-dir"), "objects");
        var head = await GitAsync(top, false, "rev-parse", "--verify", "HEAD");
        var branch = await GitAsync(top, true, "symbolic-ref", "-q", "HEAD");
        var origin = await GitAsync(top, true, "remote", "get-url", "origin");

        await GitAsync(top, false, "init", "-q", destination);
        await File.WriteAllTextAsync(Path.Combine(destination, ".git", "objects", "info", "alternates"), objects + "\n");
        await GitAsync(destination, false, "fetch", "-q", "--no-tags", "--update-head-ok", "--no-write-fetch-head", top, "+refs/*:refs/*");
        if (branch.Length > 0) await GitAsync(destination, false, "symbolic-ref", "HEAD", branch);
        else await GitAsync(destination, false, "update-ref", "--no-deref", "HEAD", head);
        await GitAsync(destination, false, "reset", "-q", "--hard", "HEAD");
        if (origin.Length > 0) await GitAsync(destination, false, "remote", "add", "origin", origin);
        // The configuration as the user has it now, uncommitted edits included.
        foreach (var name in ConfigurationFiles.Where(name => File.Exists(Path.Combine(top, name))))
            File.Copy(Path.Combine(top, name), Path.Combine(destination, name), overwrite: true);
        return Path.Combine(destination, Path.GetRelativePath(top, directory));
    }

    static async Task<string> GitAsync(string directory, bool allowFailure, params string[] arguments)
    {
        var result = await ToolRunner.RunAsync(new ToolCommand("git", arguments) { WorkingDirectory = directory }, echoOutput: false);
        if (result.Succeeded || allowFailure) return result.Succeeded ? result.StandardOutput.Trim() : "";
        var reason = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {result.ExitCode}";
        throw new BuildError($"Could not copy the repository for GitVersion ('git {string.Join(' ', arguments.Take(2))}'): {reason}");
    }
}
