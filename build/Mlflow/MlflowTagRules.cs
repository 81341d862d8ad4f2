using GitHub;
using Metadata;

namespace Mlflow;

/// <summary>The MLflow build's default tag rules (docs/tags.md has what each event publishes with them).</summary>
internal static class MlflowTagRules
{
    /// <summary>
    /// The generic rules for the run's ref without their `latest` (that one is in <see cref="VersionTags"/>, gated),
    /// and with several MLflow versions only the first listed takes the branch, PR, release and sha tags, so `main`
    /// and `1.2.3` name one image.
    /// </summary>
    public static IReadOnlyList<string> For(GitHubContext github) => [.. RefRules(github), .. VersionTags];

    /// <summary>The ref's own tags (branch, pull request, release, sha), for the first listed version only.</summary>
    public static IReadOnlyList<string> RefRules(GitHubContext github) =>
        [.. GenericTagRules.For(github).Where(rule => rule != GenericTagRules.LatestOnDefaultBranch).Select(rule => rule + ",enable={{mlflow_is_primary}}")];

    /// <summary>
    /// On the default branch: X.Y.Z and X.Y.Z-sha7 always; X.Y, X and latest only for the newest release of their
    /// series, judged from the image repository's tags and this run's versions (see <see cref="MlflowTagLine"/>).
    /// A tag push moves none of them: they follow the default branch, and a tag on an older commit would move them back.
    /// </summary>
    public static readonly string[] VersionTags =
    [
        "type=raw,value={{mlflow_version}},enable={{is_default_branch}}",
        "type=raw,value={{mlflow_version}}-{{sha}},enable={{is_default_branch}}",
        "type=raw,value={{mlflow_version_minor}},enable={{mlflow_is_newest_minor}}",
        "type=raw,value={{mlflow_version_major}},enable={{mlflow_is_newest_major}}",
        "type=raw,value=latest,enable={{mlflow_is_newest}}",
    ];
}
