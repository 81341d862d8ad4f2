namespace Versioning;

/// <summary>
/// One run of GitVersion for a build: the version, or why there is none. Kept in the build's State so the
/// (half-second) engine runs at most once per build, and a failure is reported where the version is needed.
/// </summary>
internal sealed record ComputedGitVersion(GitVersion? Version, string? Problem)
{
    /// <param name="environment">The run's environment snapshot: where the engine is, and whether GitVersion normalises.</param>
    /// <param name="scratch">Where a throwaway copy of the repository may go (see <see cref="Git.ThrowawayClone"/>).</param>
    public static async Task<ComputedGitVersion> ForAsync(string repositoryDirectory, IReadOnlyDictionary<string, string?> environment, Func<string>? scratch = null)
    {
        try
        {
            string? Variable(string name) => environment.GetValueOrDefault(name);
            var version = await GitVersionTool.Locate(Variable).ComputeAsync(repositoryDirectory, Variable, scratch);
            return new ComputedGitVersion(version, null);
        }
        catch (Exception e) when (e is BuildError or IOException or UnauthorizedAccessException)
        {
            return new ComputedGitVersion(null, e.Message);
        }
    }

    public GitVersion Required => Version ?? throw new BuildError(Problem ?? "GitVersion computed no version.");
}
