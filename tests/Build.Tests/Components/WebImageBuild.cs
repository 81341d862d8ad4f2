using global::Components;
using Publishing;

namespace Build.Tests.Components;

/// <summary>
/// A second build of the same components that publishes another image: everything it changes is in this file
/// (no MLflow anywhere), which is what makes the components reusable.
/// </summary>
sealed class WebImageBuild : NukeBuild, ICheckout, ITag, ILogin, IDockerBuildx, IMerge, ISummary, IPublish
{
    string IHazImage.ImageNameSuffix => "web";
    AbsolutePath IDockerBuildx.Dockerfile => RootDirectory / "web" / "Containerfile";
    IReadOnlyDictionary<string, string> IDockerBuildx.BuildArguments => new Dictionary<string, string> { ["GREETING"] = "hello" };
    ImageUsage IDockerBuildx.Usage => new(Port: 8080, RunCommand: "serve", ServeCommand: "serve --port 8080");
    string ISummary.SummaryTitle => "Web image";
    // The tool settings seams (NUKE's Configure<T>): a label on every build, an annotation on the index.
    Configure<global::Docker.BuildxBuildSettings> IDockerBuildx.BuildxSettings => _ => _ with { Labels = [.. _.Labels, "com.example.team=web"] };
    Configure<global::Docker.ImagetoolsCreateSettings> IMerge.IndexSettings => _ => _ with { Annotations = [.. _.Annotations, "index:com.example.team=web"] };
}
