using Docker;
using Publishing;
using Registry;

namespace Build.Tests.Docker;

/// <summary>Reading what buildx and the platform jobs leave behind: inspect text, metadata files, digest files.</summary>
public class BuildOutputsTests
{
    const string Inspect = """
        Name:          default
        Driver:        docker
        Last Activity: 2026-11-28 02:22:24 +0000 UTC

        Nodes:
        Name:             default
        Endpoint:         default
        Status:           running
        BuildKit version: v0.0.0+unknown
        Platforms:        linux/amd64, linux/amd64/v2, linux/arm64*
        Labels:
         org.mobyproject.buildkit.worker.executor:             containerd
        """;

    [Fact]
    public void Parses_buildx_inspect()
    {
        var info = BuilderInfo.Parse(Inspect);
        Assert.Equal(("default", "docker", "v0.0.0+unknown"), (info.Name, info.Driver, info.BuildKitVersion));
        Assert.Equal(["linux/amd64", "linux/amd64/v2", "linux/arm64"], info.Platforms);
        Assert.False(info.CanPushByDigest);
        Assert.True(info.Offers("linux/arm64"));
        Assert.False(info.Offers("linux/arm/v7"));
        Assert.True(new BuilderInfo("b", "docker-container", "v0.20", ["linux/arm64/v8"]).Offers("linux/arm64"));
        Assert.True(new BuilderInfo("b", "docker-container", "v0.20", []).CanPushByDigest);
    }

    [Fact]
    public void Reads_the_digest_from_buildx_metadata()
    {
        var metadata = BuildMetadata.Parse("""
            {"buildx.build.ref": "default/default/x",
             "containerimage.descriptor": {"mediaType": "application/vnd.oci.image.index.v1+json", "digest": "sha256:5d77", "size": 855},
             "containerimage.digest": "sha256:5d77", "image.name": "r/i:a,r/i:b"}
            """);
        Assert.Equal("sha256:5d77", metadata.Digest);
        Assert.Equal("application/vnd.oci.image.index.v1+json", metadata.MediaType);
        Assert.Equal(["r/i:a", "r/i:b"], metadata.ImageNames);
        Assert.Null(BuildMetadata.Parse("{}").Digest);
        Assert.Throws<BuildError>(() => BuildMetadata.Read("/nonexistent/metadata.json"));
    }

    [Fact]
    public void Digest_files_round_trip_through_a_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "digests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var arm = new PlatformImage("linux/arm64", "sha256:" + new string('b', 64), "staging-1-linux-arm64");
            var amd = new PlatformImage("linux/amd64", "sha256:" + new string('a', 64));
            arm.WriteTo(directory);
            amd.WriteTo(directory);
            Assert.Equal("linux/amd64=sha256:" + new string('a', 64) + "\n", File.ReadAllText(Path.Combine(directory, "linux-amd64")));
            Assert.Equal([amd, arm], PlatformImage.ReadAll(directory));
        }
        finally { Directory.Delete(directory, true); }
    }

    [Theory]
    [InlineData("")]
    [InlineData("linux/amd64")]
    [InlineData("linux/amd64=sha256:short")]
    public void A_bad_digest_file_is_one_clear_line(string text)
    {
        var error = Assert.Throws<BuildError>(() => PlatformImage.ParseFileText(text, "digests/linux-amd64"));
        Assert.StartsWith("digests/linux-amd64: ", error.Message);
    }

    [Fact]
    public void A_missing_or_empty_digests_directory_is_one_clear_line()
    {
        Assert.Contains("does not exist", Assert.Throws<BuildError>(() => PlatformImage.ReadAll("/nonexistent/digests")).Message);
        var empty = Directory.CreateTempSubdirectory().FullName;
        Assert.Contains("empty", Assert.Throws<BuildError>(() => PlatformImage.ReadAll(empty)).Message);
        Directory.Delete(empty);
    }

    [Fact]
    public void Merge_refuses_a_digests_directory_that_lacks_a_requested_platform()
    {
        var amd = new PlatformImage("linux/amd64", "sha256:" + new string('a', 64));
        var error = Assert.Throws<BuildError>(() => PlatformImage.RequireAll([amd], ["linux/amd64", "linux/arm64"], "digests"));
        Assert.Equal("Digests directory digests has no digest for linux/arm64; nothing was tagged (did that platform's job fail?).", error.Message);
        Assert.Equal([amd], PlatformImage.RequireAll([amd], ["linux/amd64"], "digests"));
    }

    [Theory]
    [InlineData("127.0.0.1:5000/o/mlflow:1", "127.0.0.1:5000", "o/mlflow", "http://127.0.0.1:5000/")]
    [InlineData("ghcr.io/owner/repo/mlflow", "ghcr.io", "owner/repo/mlflow", "https://ghcr.io/")]
    [InlineData("localhost:5000/x@sha256:abc", "localhost:5000", "x", "http://localhost:5000/")]
    [InlineData("python:3.10", "docker.io", "library/python", "https://registry-1.docker.io/")]
    public void Image_references_split_into_registry_and_repository(string image, string registry, string repository, string baseUri)
    {
        var reference = ImageReference.Parse(image);
        Assert.Equal((registry, repository, baseUri), (reference.Registry, reference.Repository, reference.BaseUri.ToString()));
    }

    [Fact]
    public void The_published_index_lists_its_platform_images_without_attestations()
    {
        var index = PublishedIndex.Parse("""
            {"mediaType": "application/vnd.oci.image.index.v1+json", "digest": "sha256:idx", "size": 1656, "manifests": [
              {"digest": "sha256:amd", "platform": {"architecture": "amd64", "os": "linux"}},
              {"digest": "sha256:arm", "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
              {"digest": "sha256:att", "platform": {"architecture": "unknown", "os": "unknown"}}]}
            """);
        Assert.Equal("sha256:idx", index.Digest);
        Assert.Equal([new PlatformImage("linux/amd64", "sha256:amd"), new PlatformImage("linux/arm64/v8", "sha256:arm")], index.Platforms);
    }
}
