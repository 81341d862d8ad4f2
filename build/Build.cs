using Mlflow;
using Publishing;

/// <summary>
/// Builds and publishes the MLflow tracking-server image. The pipeline, in the order it runs:
/// Checkout → Tag → Login → DockerBuildx → SmokeTest → Merge → Summary (Publish runs them all; Logout follows at the end).
/// Every component is listed here; the MLflow choices below are the only product knowledge the build holds
/// besides <see cref="IHazMlflowVersions"/> (its parameters) and <see cref="IMlflowRelease"/> (following its releases) — a build of another image overrides the same members.
/// </summary>
partial class Build : NukeBuild,
    ICheckout, ITag, ILogin, IDockerBuildx, IMerge, ISign, ISmokeTest, ISummary, IPublish, IPrune,
    IHazMlflowVersions, IMlflowRelease
{
    public static int Main() => Execute<Build>(x => ((IPublish)x).Publish);

    string IHazImage.ImageNameSuffix => "mlflow";
    AbsolutePath IDockerBuildx.Dockerfile => ((IHazMlflowVersions)this).MlflowDockerfile;
    IReadOnlyDictionary<string, string> IDockerBuildx.BuildArguments => ((IHazMlflowVersions)this).MlflowBuildArgs;
    // Fixed, not from --image-name: a renamed image keeps its cache and its archive's name.
    string IDockerBuildx.CacheScope => "mlflow";
    string IDockerBuildx.ArchiveName => "mlflow.oci.tar";
    // The compose line fits the MLflow version: from 3.5 the server checks Host headers (MlflowServerCommand).
    ImageUsage IDockerBuildx.Usage => new(Port: 5000, RunCommand: "mlflow server", ServeCommand: MlflowServerCommand.For(Versions.MlflowVersion),
        Note: MlflowServerCommand.ChecksHostHeader(Versions.MlflowVersion) ? MlflowServerCommand.HostNote : null);
    // Offline, a local build falls back to the configured stand-in (.nuke/parameters.json) and says so once.
    string IHazMlflowVersions.MlflowBaseImage => Once.Get(BaseImageOnce);

    Task IDockerBuildx.ResolveBuildArgumentsAsync()
    {
        var (image, given, fallback) = (Versions.MlflowImage, Versions.MlflowImageGiven, Versions.MlflowImageFallback);
        var localBuild = IsLocalBuild && !((ILogin)this).Push;
        return Once.ResolveAsync(BaseImageOnce, async () =>
        {
            var choice = await MlflowBaseImageChoice.DecideAsync(image, given, fallback, localBuild, MlflowBaseImageChoice.RegistryAnswersAsync);
            if (choice.Note is { } note) Log.Warning(note);
            return choice.Image;
        });
    }

    static readonly Once<string> BaseImageOnce = new("the MLflow base image");

    // The smoke test expects the tag's MLflow version, and --allowed-hosts where that version checks Host headers.
    Mlflow.Smoke.SmokeExpectations? ISmokeTest.SmokeExpectations => new(MlflowTemplates.Version(Versions.MlflowVersion), MlflowServerCommand.ChecksHostHeader(Versions.MlflowVersion));
    string? ISmokeTest.SmokeComposeFile => Mlflow.Smoke.ComposeFile.FileName;
    // "MLflow 3.1.1 image published": the version people pin is the first thing the summary says.
    string ISummary.SummaryTitle => $"MLflow {MlflowTemplates.Version(Versions.MlflowVersion)} image";
}
