using Docker;

namespace Components;

/// <summary>
/// The image this build publishes: <c>Registry/ImageName</c>, e.g. ghcr.io/owner/repo/mlflow. Declared here
/// (not on ILogin) so that Tag and Login can both use it without depending on each other.
/// </summary>
interface IHazImage : IHazGitHubContext
{
    [Parameter("Container registry host (default ghcr.io)")]
    string Registry => ImageNameRules.RequireRegistry((TryGetValue(() => Registry) ?? "ghcr.io").ToLowerInvariant());

    [Parameter("Image repository under the registry (default <owner>/<repo>/mlflow from the GitHub context or the origin remote); lower-cased")]
    string ImageName => ImageNameRules.RequireRepository(Registry, (TryGetValue(() => ImageName) ?? DefaultImageName).ToLowerInvariant());

    /// <summary>Registry/ImageName, lower-cased (GHCR rejects capitals).</summary>
    string Image => Registry + "/" + ImageName;

    /// <summary>Named by --image-name or derived from an owner/repo (not the bare fallback).</summary>
    bool ImageNameIsKnown => TryGetValue(() => ImageName) is not null || GitHubContext.Repository.Length > 0;

    private string DefaultImageName => GitHubContext.Repository.Length > 0 ? GitHubContext.Repository + "/mlflow" : "mlflow";
}
