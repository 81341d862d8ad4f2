namespace Versioning;

/// <summary>
/// One run of GitVersion for a build: the version, or why there is none. Kept in the build's State so the
/// (half-second) engine runs at most once per build, and a failure is reported where the version is needed.
/// </summary>
public sealed record ComputedGitVersion(GitVersion? Version, string? Problem)
{
    public static ComputedGitVersion For(string repositoryDirectory)
    {
        try
        {
            var version = GitVersionTool.LocateFromEnvironment().ComputeAsync(repositoryDirectory).GetAwaiter().GetResult();
            return new ComputedGitVersion(version, null);
        }
        catch (BuildError e)
        {
            return new ComputedGitVersion(null, e.Message);
        }
    }

    public GitVersion Required => Version ?? throw new BuildError(Problem ?? "GitVersion computed no version.");
}
