using Docker;

namespace Build.Tests.Docker;

/// <summary>Pins the argv of every docker command and option the build uses.</summary>
public class DockerCommandTests
{
    [Fact]
    public void Login_sends_the_password_on_stdin_only()
    {
        var settings = new DockerLoginSettings("127.0.0.1:5000", "ci", new Secret("s3cret-sentinel"));
        var command = settings.ToCommand();
        Assert.Equal(["login", "127.0.0.1:5000", "--username", "ci", "--password-stdin"], command.Arguments);
        Assert.Equal("s3cret-sentinel", command.SecretInput?.Reveal());
        Assert.Null(command.StandardInput);
        Assert.DoesNotContain("s3cret-sentinel", command.ToString());
        Assert.DoesNotContain("s3cret-sentinel", settings.ToString());
    }

    [Fact]
    public void Logout_names_the_registry() =>
        Assert.Equal(["logout", "ghcr.io"], new DockerLogoutSettings("ghcr.io").ToCommand().Arguments);

    [Fact]
    public void Buildx_version_inspect_create_use()
    {
        Assert.Equal(["buildx", "version"], BuildxCommands.Version().Arguments);
        Assert.Equal(["buildx", "inspect"], BuildxCommands.Inspect().Arguments);
        Assert.Equal(["buildx", "inspect", "ci", "--bootstrap"], BuildxCommands.Inspect("ci", bootstrap: true).Arguments);
        Assert.Equal(["buildx", "use", "ci"], BuildxCommands.Use("ci").Arguments);
        Assert.Equal(["buildx", "use", "--global", "ci"], BuildxCommands.Use("ci", global: true).Arguments);
        Assert.Equal(
            ["buildx", "create", "--name", "ci", "--driver", "docker-container", "--driver-opt", "network=host", "--platform", "linux/amd64,linux/arm64", "--use", "--bootstrap"],
            BuildxCommands.Create(new BuildxCreateSettings("ci")
            {
                Driver = "docker-container", DriverOptions = ["network=host"], Platforms = ["linux/amd64", "linux/arm64"], Use = true, Bootstrap = true,
            }).Arguments);
    }

    [Fact]
    public void Build_with_no_options_is_the_context_alone() =>
        Assert.Equal(["buildx", "build", "."], new BuildxBuildSettings(".").ToArguments());

    // BuildxBuildSettings is internal to the build, so a row carries it as object.
    public static TheoryData<string, object, string[]> Options => new()
    {
        { "file", new BuildxBuildSettings(".") { File = "dockerfile.mlflow" }, ["--file", "dockerfile.mlflow"] },
        { "builder", new BuildxBuildSettings(".") { Builder = "ci" }, ["--builder", "ci"] },
        { "platforms", new BuildxBuildSettings(".") { Platforms = ["linux/amd64", "linux/arm64"] }, ["--platform", "linux/amd64,linux/arm64"] },
        { "build args", new BuildxBuildSettings(".") { BuildArgs = [new("MLFLOW_VERSION", "v3.1.1"), new("BOTO3_VERSION", "1.2 3")] }, ["--build-arg", "MLFLOW_VERSION=v3.1.1", "--build-arg", "BOTO3_VERSION=1.2 3"] },
        { "tags", new BuildxBuildSettings(".") { Tags = ["r/i:1", "r/i:latest"] }, ["--tag", "r/i:1", "--tag", "r/i:latest"] },
        { "labels", new BuildxBuildSettings(".") { Labels = ["a=b c"] }, ["--label", "a=b c"] },
        { "annotations", new BuildxBuildSettings(".") { Annotations = ["manifest:k=v", "index:k=w"] }, ["--annotation", "manifest:k=v", "--annotation", "index:k=w"] },
        { "cache from", new BuildxBuildSettings(".") { CacheFrom = ["type=registry,ref=r/i:buildcache"] }, ["--cache-from", "type=registry,ref=r/i:buildcache"] },
        { "cache to", new BuildxBuildSettings(".") { CacheTo = ["type=gha,scope=x,mode=max"] }, ["--cache-to", "type=gha,scope=x,mode=max"] },
        { "provenance", new BuildxBuildSettings(".") { Provenance = "mode=max" }, ["--provenance", "mode=max"] },
        { "sbom", new BuildxBuildSettings(".") { Sbom = "true" }, ["--sbom", "true"] },
        { "pull", new BuildxBuildSettings(".") { Pull = true }, ["--pull"] },
        { "no cache", new BuildxBuildSettings(".") { NoCache = true }, ["--no-cache"] },
        { "target", new BuildxBuildSettings(".") { Target = "final" }, ["--target", "final"] },
        { "secret from env", new BuildxBuildSettings(".") { Secrets = [new BuildSecret("pip") { EnvironmentVariable = "PIP_TOKEN" }] }, ["--secret", "id=pip,env=PIP_TOKEN"] },
        { "secret from file", new BuildxBuildSettings(".") { Secrets = [new BuildSecret("netrc") { File = "/run/netrc" }] }, ["--secret", "id=netrc,src=/run/netrc"] },
        { "metadata file", new BuildxBuildSettings(".") { MetadataFile = "/tmp/m.json" }, ["--metadata-file", "/tmp/m.json"] },
        { "progress", new BuildxBuildSettings(".") { Progress = "plain" }, ["--progress", "plain"] },
        { "push", new BuildxBuildSettings(".") { Output = new BuildxOutput.Push() }, ["--push"] },
        { "load", new BuildxBuildSettings(".") { Output = new BuildxOutput.Load() }, ["--load"] },
        { "oci archive", new BuildxBuildSettings(".") { Output = BuildxOutput.OciArchive("/tmp/x.tar") }, ["--output", "type=oci,dest=/tmp/x.tar"] },
        { "push by digest", new BuildxBuildSettings(".") { Output = BuildxOutput.PushByDigest("ghcr.io/o/r/mlflow") }, ["--output", "type=image,name=ghcr.io/o/r/mlflow,push-by-digest=true,name-canonical=true,push=true"] },
    };

    [Theory, MemberData(nameof(Options))]
    public void Each_build_option_becomes_its_own_arguments_before_the_context(string option, object settings, string[] expected)
    {
        Assert.NotEmpty(option);
        Assert.Equal(["buildx", "build", .. expected, "."], ((BuildxBuildSettings)settings).ToArguments());
    }

    [Fact]
    public void A_secret_without_a_source_is_a_user_error() =>
        Assert.Throws<BuildError>(() => new BuildxBuildSettings(".") { Secrets = [new BuildSecret("x")] }.ToArguments());

    [Fact]
    public void Imagetools_create_applies_every_tag_and_annotation_to_the_sources()
    {
        var create = new ImagetoolsCreateSettings(["r/i@sha256:a", "r/i@sha256:b"])
        {
            Tags = ["r/i:1", "r/i:latest"], Annotations = ["index:org.opencontainers.image.title=MLflow \"image\""], Builder = "ci", Append = true, DryRun = true,
        };
        Assert.Equal(
            ["buildx", "imagetools", "create", "--builder", "ci", "--tag", "r/i:1", "--tag", "r/i:latest",
             "--annotation", "index:org.opencontainers.image.title=MLflow \"image\"", "--append", "--dry-run", "r/i@sha256:a", "r/i@sha256:b"],
            create.ToCommand().Arguments);
    }

    [Fact]
    public void Imagetools_inspect_raw_or_formatted()
    {
        Assert.Equal(["buildx", "imagetools", "inspect", "--raw", "r/i:1"], new ImagetoolsInspectSettings("r/i:1") { Raw = true }.ToCommand().Arguments);
        Assert.Equal(["buildx", "imagetools", "inspect", "--builder", "ci", "--format", "{{json .Manifest}}", "r/i:1"],
            new ImagetoolsInspectSettings("r/i:1") { Format = "{{json .Manifest}}", Builder = "ci" }.ToCommand().Arguments);
    }
}
