using Docker;
using Mlflow;

/// <summary>
/// Builds and publishes the MLflow tracking-server image. The pipeline, in the order it runs:
/// Checkout → Tag → Login → DockerBuildx → Merge → Summary (Publish runs them all; Logout follows at the end).
/// Every component is listed here; the MLflow choices below are the only product knowledge the build holds
/// besides <see cref="IHazMlflowVersions"/> (its parameters) and <see cref="IMlflowRelease"/> (following its releases) — a build of another image overrides the same members.
/// </summary>
partial class Build : NukeBuild,
    ICheckout, ITag, ILogin, IDockerBuildx, IMerge, ISummary, IPublish, IPrune,
    IHazMlflowVersions, IMlflowRelease
{
    public static int Main() => Execute<Build>(x => ((IPublish)x).Publish);

    string IHazImage.ImageNameSuffix => "mlflow";
    AbsolutePath IDockerBuildx.Dockerfile => ((IHazMlflowVersions)this).MlflowDockerfile;
    IReadOnlyDictionary<string, string> IDockerBuildx.BuildArguments => ((IHazMlflowVersions)this).MlflowBuildArgs;
    // Fixed, not from --image-name: a renamed image keeps its cache and its archive's name.
    string IDockerBuildx.CacheScope => "mlflow";
    string IDockerBuildx.ArchiveName => "mlflow.oci.tar";
    ImageUsage IDockerBuildx.Usage => new(Port: 5000, RunCommand: "mlflow server", ServeCommand: "mlflow server --host 0.0.0.0 --port 5000");
    string ISummary.SummaryTitle => "MLflow image";
}
