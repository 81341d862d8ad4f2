using Docker;
using Publishing;

namespace Build.Tests.Publishing;

public class ImageBuildRequestTests
{
    static readonly BuilderInfo DockerDriver = new("default", "docker", "v0.13", ["linux/amd64", "linux/arm64"]);
    static readonly BuilderInfo ContainerDriver = new("ci", "docker-container", "v0.20", ["linux/amd64", "linux/arm64"]);

    static ImageBuildRequest Request(bool push = true, params string[] platforms) => new()
    {
        Image = "127.0.0.1:5000/o/mlflow",
        Context = "/repo",
        File = "/repo/dockerfile.mlflow",
        Platforms = platforms.Length == 0 ? ["linux/amd64", "linux/arm64"] : platforms,
        BuildArgs = [new("MLFLOW_VERSION", "v3.1.1")],
        Tags = ["127.0.0.1:5000/o/mlflow:main", "127.0.0.1:5000/o/mlflow:latest"],
        Labels = ["org.opencontainers.image.title=mlflow"],
        Annotations = ["manifest:org.opencontainers.image.title=mlflow"],
        Push = push,
        Cache = scope => CachePolicy.Choose(new Dictionary<string, string?>(), push, "127.0.0.1:5000/o/mlflow", scope),
        WorkDirectory = "/repo/.nuke/temp",
        RunKey = "42-1",
    };

    [Fact]
    public void Docker_driver_stores_the_build_under_a_staging_tag_never_a_real_tag_for_one_docker_push()
    {
        // Not --push: buildx would push twice on the docker driver (its exporter, then again through the engine).
        var args = Request(true, "linux/arm64").ForPush(DockerDriver).ToArguments();
        Assert.Equal(
            ["buildx", "build", "--file", "/repo/dockerfile.mlflow", "--platform", "linux/arm64", "--build-arg", "MLFLOW_VERSION=v3.1.1",
             "--label", "org.opencontainers.image.title=mlflow", "--annotation", "manifest:org.opencontainers.image.title=mlflow",
             "--cache-from", "type=registry,ref=127.0.0.1:5000/o/mlflow:buildcache-linux-arm64",
             "--cache-to", "type=registry,ref=127.0.0.1:5000/o/mlflow:buildcache-linux-arm64,mode=max",
             "--provenance", "mode=max", "--sbom", "true", "--metadata-file", "/repo/.nuke/temp/buildx-metadata-linux-arm64.json",
             "--progress", "plain", "--output", "type=image,name=127.0.0.1:5000/o/mlflow:staging-42-1-linux-arm64", "/repo"],
            args);
    }

    [Fact]
    public void The_platforms_of_one_runner_build_in_one_solve_under_one_staging_tag_with_one_cache()
    {
        var args = Request().ForPush(DockerDriver).ToArguments();
        Assert.Equal("linux/amd64,linux/arm64", args[args.ToList().IndexOf("--platform") + 1]);
        Assert.Equal("type=image,name=127.0.0.1:5000/o/mlflow:staging-42-1-linux-amd64-linux-arm64", args[args.ToList().IndexOf("--output") + 1]);
        Assert.Equal("type=registry,ref=127.0.0.1:5000/o/mlflow:buildcache,mode=max", args[args.ToList().IndexOf("--cache-to") + 1]);
        Assert.Equal("/repo/.nuke/temp/buildx-metadata-all.json", args[args.ToList().IndexOf("--metadata-file") + 1]);
    }

    [Fact]
    public void Other_drivers_push_by_digest_with_no_tag_at_all()
    {
        var args = Request().ForPush(ContainerDriver).ToArguments();
        Assert.DoesNotContain("--tag", args);
        Assert.DoesNotContain("--push", args);
        Assert.Contains("type=image,name=127.0.0.1:5000/o/mlflow,push-by-digest=true,name-canonical=true,push=true", args);
        Assert.Equal("ci", args[args.ToList().IndexOf("--builder") + 1]);
    }

    [Fact]
    public void The_index_step_carries_every_tag_and_the_index_annotations()
    {
        var platforms = new[] { new PlatformImage("linux/amd64", "sha256:" + new string('a', 64)), new PlatformImage("linux/arm64", "sha256:" + new string('b', 64)) };
        var create = Request().ForIndex(platforms, DockerDriver).ToCommand().Arguments;
        Assert.Equal(
            ["buildx", "imagetools", "create", "--tag", "127.0.0.1:5000/o/mlflow:main", "--tag", "127.0.0.1:5000/o/mlflow:latest",
             "--annotation", "index:org.opencontainers.image.title=mlflow",
             "127.0.0.1:5000/o/mlflow@sha256:" + new string('a', 64), "127.0.0.1:5000/o/mlflow@sha256:" + new string('b', 64)],
            create);
    }

    [Fact]
    public void One_platform_without_push_loads_several_go_to_an_oci_archive()
    {
        var load = Request(false, "linux/amd64").ForLocal(DockerDriver).ToArguments();
        Assert.Contains("--load", load);
        Assert.DoesNotContain("--provenance", load);
        Assert.DoesNotContain("--cache-to", load);
        var archive = Request(false).ForLocal(DockerDriver).ToArguments();
        Assert.Contains("type=oci,dest=/repo/.nuke/temp/mlflow.oci.tar", archive);
        Assert.Contains("linux/amd64,linux/arm64", archive);
    }

    [Fact]
    public void A_local_build_without_tags_is_still_findable() =>
        Assert.Equal(["127.0.0.1:5000/o/mlflow:local"], (Request(false) with { Tags = [] }).LocalTags);

    [Theory]
    [InlineData(new[] { "manifest:a=1", "index:b=2" }, new[] { "manifest:a=1" }, new[] { "index:b=2" })]
    [InlineData(new[] { "manifest:a=1", "c=3" }, new[] { "manifest:a=1", "c=3" }, new[] { "index:a=1", "index:c=3" })]
    [InlineData(new[] { "manifest-descriptor:a=1", "index-descriptor:d=4" }, new[] { "manifest-descriptor:a=1" }, new string[0])]
    [InlineData(new[] { "manifest[linux/amd64]:a=1" }, new[] { "manifest[linux/amd64]:a=1" }, new string[0])]
    public void Annotations_split_by_level(string[] given, string[] build, string[] index)
    {
        Assert.Equal(build, AnnotationLevels.ForBuild(given));
        Assert.Equal(index, AnnotationLevels.ForIndex(given));
    }
}
