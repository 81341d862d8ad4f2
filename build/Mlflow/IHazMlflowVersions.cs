namespace Mlflow;

/// <summary>
/// What the MLflow image is built from: the base image and tag, and the pins of the two packages
/// dockerfile.mlflow adds (boto3 for S3/MinIO artifacts, psycopg2-binary for a PostgreSQL store).
/// The product's own parameters: Build.cs hands them to DockerBuildx as its build arguments.
/// </summary>
interface IHazMlflowVersions : INukeBuild
{
    [Parameter("Base image of dockerfile.mlflow, without tag")]
    string MlflowImage => TryGetValue(() => MlflowImage) ?? "ghcr.io/mlflow/mlflow";

    [Parameter("Base image for a local build when the registry of the default --mlflow-image does not answer (e.g. the stand-in of .ci/stack); empty: none")]
    string? MlflowImageFallback => TryGetValue(() => MlflowImageFallback);

    /// <summary>--mlflow-image (or MLFLOW_IMAGE) was given, not defaulted.</summary>
    bool MlflowImageGiven => TryGetValue(() => MlflowImage) is not null;

    /// <summary>The base this run builds from: <see cref="MlflowImage"/>, or what the build class decides instead (a fallback).</summary>
    string MlflowBaseImage => MlflowImage;

    [Parameter("Tag of the base image (default: the first of --mlflow-versions, else dockerfile.mlflow's ARG MLFLOW_VERSION)")]
    string MlflowVersion => TryGetValue(() => MlflowVersion) ?? (MlflowVersionsGiven is { Length: > 0 } ? MlflowVersions[0] : DefaultMlflowVersion);

    /// <summary>The Dockerfile of the image, which also holds the default MLflow version.</summary>
    AbsolutePath MlflowDockerfile => RootDirectory / "dockerfile.mlflow";

    /// <summary>The one place of the default: `docker build` reads the same ARG line, and MlflowRelease --update changes it.</summary>
    string DefaultMlflowVersion => MlflowDefaultVersion.ReadFile(MlflowDockerfile);

    [Parameter("MLflow versions to build, one image each (e.g. v3.1.1,v3.0.1); default: MlflowVersion alone", Separator = ',', Name = "MlflowVersions")]
    string[]? MlflowVersionsGiven => TryGetValue(() => MlflowVersionsGiven);

    /// <summary>--mlflow-version (or MLFLOW_VERSION) was given, not defaulted.</summary>
    bool MlflowVersionGiven => TryGetValue(() => MlflowVersion) is not null;

    /// <summary>Every version this run builds, in the given order (the given list, else MlflowVersion alone).</summary>
    IReadOnlyList<string> MlflowVersions => MlflowVersionsGiven is { Length: > 0 } given
        ? given.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList()
        : [MlflowVersion];

    [Parameter("boto3 version to pin (PEP 440, e.g. 1.34.0); empty: the newest")]
    string? Boto3Version => TryGetValue(() => Boto3Version);

    [Parameter("psycopg2-binary version to pin (PEP 440, e.g. 2.9.10); empty: the newest")]
    string? Psycopg2Version => TryGetValue(() => Psycopg2Version);

    /// <summary>
    /// MLFLOW_IMAGE, MLFLOW_VERSION, BOTO3_VERSION, PSYCOPG2_VERSION for `--build-arg`, validated:
    /// a bad value throws a <see cref="BuildError"/> naming the parameter, so read this before building.
    /// </summary>
    IReadOnlyDictionary<string, string> MlflowBuildArgs =>
        MlflowBuildArguments.Validate(MlflowBaseImage, MlflowVersion, Boto3Version, Psycopg2Version).ToBuildArgs();

    /// <summary>
    /// For <c>.Requires(() => MlflowBuildArgsAreValid)</c>: the engine checks requirements before any target
    /// runs, so a bad version ends the build with the <see cref="BuildError"/>'s one line before anything starts.
    /// </summary>
    bool MlflowBuildArgsAreValid => MlflowBuildArgs.Count == 4;
}
