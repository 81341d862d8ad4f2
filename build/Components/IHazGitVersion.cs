using Versioning;

namespace Components;

/// <summary>
/// GitVersion's version of the repository containing the root (NUKE's [GitVersion] / IHazGitVersion).
/// Computed on first use and kept for the run; a target that needs it fails with GitVersion's reason.
/// </summary>
interface IHazGitVersion : INukeBuild
{
    GitVersion GitVersion => GitVersionResult.Required;

    /// <summary>The version if a target of this run already computed it: reports show it without paying ~0.7 s for it.</summary>
    GitVersion? GitVersionIfComputed => State.TryGet<ComputedGitVersion>()?.Version;

    /// <summary>The version or the reason there is none, without failing (for reports).</summary>
    ComputedGitVersion GitVersionResult
    {
        get
        {
            if (State.TryGet<ComputedGitVersion>() is { } computed) return computed;
            var result = ComputedGitVersion.For(RootDirectory);
            State.Set(result);
            return result;
        }
    }
}
