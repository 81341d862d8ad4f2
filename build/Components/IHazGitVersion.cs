using Versioning;

namespace Components;

/// <summary>
/// GitVersion's version of the repository containing the root (NUKE's [GitVersion] / IHazGitVersion).
/// <see cref="ResolveGitVersionAsync"/> runs GitVersion once per run and keeps the outcome; a target that needs the
/// version resolves it first and reads <see cref="RequireGitVersion"/>, which fails with GitVersion's reason.
/// </summary>
interface IHazGitVersion : INukeBuild
{
    static readonly Once<ComputedGitVersion> GitVersionOnce = new("GitVersion's version");

    /// <summary>The version or the reason there is none, without failing (for reports); runs GitVersion (~0.7 s) once per run.</summary>
    Task<ComputedGitVersion> ResolveGitVersionAsync()
    {
        var (root, environment) = (RootDirectory, EnvironmentVariables);
        return Once.ResolveAsync(GitVersionOnce, () => ComputedGitVersion.ForAsync(root, environment, () => RunTemporaryDirectory));
    }

    /// <summary>The version <see cref="ResolveGitVersionAsync"/> found; a <see cref="BuildError"/> with GitVersion's reason when there is none.</summary>
    GitVersion RequireGitVersion() => Once.Get(GitVersionOnce).Required;

    /// <summary>The version if a target of this run already computed it: reports show it without paying for it.</summary>
    GitVersion? GitVersionIfComputed => Once.TryGet(GitVersionOnce)?.Version;
}
