using Docker;

namespace Components;

/// <summary>
/// The image this build publishes: <c>Registry/ImageName</c>, e.g. ghcr.io/owner/repo/app. Declared here
/// (not on ILogin) so that Tag and Login can both use it without depending on each other. A build names its
/// image by overriding <see cref="ImageNameSuffix"/> (the path under owner/repo).
/// </summary>
interface IHazImage : IHazGitHubContext
{
    [Parameter("Container registry host (default ghcr.io)")]
    string Registry => ImageNameRules.RequireRegistry((TryGetValue(() => Registry) ?? "ghcr.io").ToLowerInvariant());

    [Parameter("Image repository under the registry (default <owner>/<repo>/<the build's image suffix> from the GitHub context or the origin remote); lower-cased")]
    string ImageName => ImageNameRules.RequireRepository(Registry, (TryGetValue(() => ImageName) ?? DefaultImageName).ToLowerInvariant());

    /// <summary>
    /// Registry/ImageName, lower-cased (GHCR rejects capitals). Without an owner/repo (no GitHub origin, no
    /// --image-name) the image cannot be pushed, and its name says so: local/&lt;repository folder&gt;[/suffix], no registry.
    /// </summary>
    string Image => ImageNameIsKnown ? Registry + "/" + ImageName : LocalImageName;

    /// <summary>The name of an image nobody can mistake for a published one (see <see cref="Image"/>).</summary>
    string LocalImageName => ImageNameRules.RequireRepository("", $"local/{ImageNameRules.PathComponent(RootDirectory.Name)}" + (ImageNameSuffix.Length > 0 ? "/" + ImageNameSuffix : ""));

    /// <summary>Named by --image-name or derived from an owner/repo (not the bare fallback).</summary>
    bool ImageNameIsKnown => TryGetValue(() => ImageName) is not null || GitHubContext.Repository.Length > 0;

    /// <summary>The path under owner/repo (empty: the image is owner/repo itself). The build class sets it.</summary>
    string ImageNameSuffix => "";

    /// <summary>What --image-name would be given owner/repo: the hint when none is known.</summary>
    string ImageNameExample => "<owner>/<repo>" + (ImageNameSuffix.Length > 0 ? "/" + ImageNameSuffix : "");

    // Without an owner/repo the bare suffix (or "image") is only a local name: Login refuses to push under it.
    private string DefaultImageName => GitHubContext.Repository.Length > 0
        ? GitHubContext.Repository + (ImageNameSuffix.Length > 0 ? "/" + ImageNameSuffix : "")
        : ImageNameSuffix.Length > 0 ? ImageNameSuffix : "image";
}
