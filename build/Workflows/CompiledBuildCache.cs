namespace Workflows;

/// <summary>
/// The one cache recipe of every generated workflow: the compiled build (build/bin and the stamps build.sh compares),
/// keyed on what build.sh compiles it from, so a hit starts the first target without restoring or compiling; and,
/// only when that is no exact hit, what a compile needs (NuGet packages, the restore's obj folders).
/// </summary>
/// <remarks>
/// Departure from NUKE, whose default caches .nuke/temp and ~/.nuget/packages keyed on project files: the compiled
/// build is not in them, so every job would compile (about 30 s). <see cref="GitHubActionsAttribute"/>'s defaults are these.
/// </remarks>
internal static class CompiledBuildCache
{
    /// <summary>What build.sh reads to skip compiling: the ReadyToRun build and its stamp (file list and content hash).</summary>
    public static readonly string[] Paths = ["build/bin", ".nuke/temp/build.stamp", ".nuke/temp/build.stamp.sha256"];

    /// <summary>build.sh's list of what the compiled build is made from: a hit is a build it would not recompile.</summary>
    public static readonly string[] KeyFiles = ["build/**/*.cs", "build/**/*.csproj", "build/**/*.props", "build/**/*.targets", "global.json"];

    /// <summary>What compiling needs, restored only when the compiled build is not an exact hit.</summary>
    public static readonly string[] CompilePaths = ["~/.nuget/packages", "build/obj", "build/Engine/obj"];

    public static readonly string[] CompileKeyFiles = ["build/**/*.csproj", "build/Directory.*", "global.json"];
}
