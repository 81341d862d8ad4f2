using Versioning;

namespace Components;

/// <summary>
/// GitVersion's version of the repository containing the root (NUKE's [GitVersion] / IHazGitVersion).
/// <see cref="ComputeGitVersion"/> runs GitVersion on its first call and keeps the outcome for the run; a target
/// that needs the version calls <see cref="RequireGitVersion"/> and fails with GitVersion's reason.
/// </summary>
interface IHazGitVersion : INukeBuild
{
    static readonly Once<ComputedGitVersion> GitVersionOnce = new("GitVersion's version");

    /// <summary>The version or the reason there is none, without failing (for reports); runs GitVersion (~0.7 s) once per run.</summary>
    ComputedGitVersion ComputeGitVersion() => Once.GetOrCompute(GitVersionOnce, () => ComputedGitVersion.For(RootDirectory, EnvironmentVariables, () => RunTemporaryDirectory));

    /// <summary>The version, computing it if needed; a <see cref="BuildError"/> with GitVersion's reason when there is none.</summary>
    GitVersion RequireGitVersion() => ComputeGitVersion().Required;

    /// <summary>The version if a target of this run already computed it: reports show it without paying for it.</summary>
    GitVersion? GitVersionIfComputed => Once.TryGet(GitVersionOnce)?.Version;
}
