using System.Text;
using Build.Tests.Dockerfile;
using Build.Tests.Support;
using Docker;
using Publishing;
using Registry;

namespace Build.Tests.Publishing;

/// <summary>The input fingerprint's parts, pure: .dockerignore as BuildKit applies it, FROM lines, what the digest covers, the skip decision.</summary>
public class InputFingerprintTests
{
    [Fact]
    public void The_repositorys_dockerignore_leaves_out_what_BuildKit_leaves_out()
    {
        // The same context DockerignoreTests sends through BuildKit itself.
        var filter = DockerignoreFilter.Parse(File.ReadAllText(Path.Combine(Repo.Root, ".dockerignore")));
        Assert.All(DockerignoreTests.Ignored, path => Assert.True(filter.Excludes(path), path));
        Assert.All(DockerignoreTests.Kept.Append(".dockerignore"), path => Assert.False(filter.Excludes(path), path));
    }

    [Theory]
    [InlineData("*.md", "README.md", true)]
    [InlineData("*.md", "docs/a.md", false)]
    [InlineData("**/*.md", "docs/a.md", true)]
    [InlineData("docs", "docs/deep/a.md", true)]
    [InlineData("/build/", "build/x.cs", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "a/c", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("# comment", "# comment", false)]
    public void Patterns_match_as_in_dockerignore(string pattern, string path, bool excluded) =>
        Assert.Equal(excluded, DockerignoreFilter.Parse(pattern).Excludes(path));

    [Fact]
    public void The_last_matching_pattern_wins_and_an_exception_keeps_a_file_of_a_left_out_directory()
    {
        var filter = DockerignoreFilter.Parse("docs\n!docs/keep.md\n");
        Assert.True(filter.Excludes("docs/other.md"));
        Assert.False(filter.Excludes("docs/keep.md"));
        Assert.True(filter.HasExceptions);
    }

    [Fact]
    public void The_bases_are_the_FROM_images_with_global_ARGs_and_build_args_resolved()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Repo.Root, "dockerfile.mlflow"));
        Assert.Equal(["ghcr.io/mlflow/mlflow:v3.1.1"], DockerfileBases.Resolve(dockerfile, []));
        Assert.Equal(["r.example/m:v3.0.1"], DockerfileBases.Resolve(dockerfile, [new("MLFLOW_IMAGE", "r.example/m"), new("MLFLOW_VERSION", "v3.0.1")]));
        const string stages = "ARG V=1\nFROM --platform=$BUILDPLATFORM golang:${V} AS build\nFROM build AS again\nFROM scratch\nFROM alpine@sha256:abc\nCOPY --from=build / /\n";
        Assert.Equal(["golang:1", "alpine@sha256:abc"], DockerfileBases.Resolve(stages, []));
    }

    static readonly ImageBuildRequest Request = new()
    {
        Image = "ghcr.io/acme/mlflow", Context = "/c", Platforms = ["linux/amd64", "linux/arm64"], WorkDirectory = "/w", RunKey = "1",
        BuildArgs = [new("MLFLOW_VERSION", "v3.1.1")], Labels = ["org.opencontainers.image.revision=abc"], Annotations = ["index:a=b"],
    };

    static readonly BaseImageDigest Base = new("ghcr.io/mlflow/mlflow:v3.1.1", "sha256:" + new string('b', 64));

    static string Fingerprint(ImageBuildRequest request, string dockerfile = "FROM x", string context = "c", BaseImageDigest? @base = null) =>
        InputFingerprint.Compute(request, Encoding.UTF8.GetBytes(dockerfile), [("a.txt", context)], [@base ?? Base]).Digest;

    [Fact]
    public void Every_input_that_decides_the_image_changes_the_fingerprint_and_how_it_is_built_does_not()
    {
        var same = Fingerprint(Request);
        Assert.Matches("^sha256:[0-9a-f]{64}$", same);
        Assert.Equal(same, Fingerprint(Request with { Platforms = ["linux/arm64", "linux/amd64"], Pull = true, NoCache = true, RunKey = "2", Tags = ["x:y"] }));
        Assert.All(new[]
        {
            Fingerprint(Request, dockerfile: "FROM y"),
            Fingerprint(Request, context: "d"),
            Fingerprint(Request, @base: Base with { Digest = "sha256:" + new string('c', 64) }),
            Fingerprint(Request with { BuildArgs = [new("MLFLOW_VERSION", "v3.0.1")] }),
            Fingerprint(Request with { Platforms = ["linux/amd64"] }),
            Fingerprint(Request with { Target = "final" }),
            Fingerprint(Request with { Labels = ["org.opencontainers.image.revision=def"] }),
            Fingerprint(Request with { Annotations = [] }),
            Fingerprint(Request with { Sbom = false }),
            Fingerprint(Request with { ConfigureBuild = s => s with { Labels = [.. s.Labels, "team=web"] } }),
        }, changed => Assert.NotEqual(same, changed));
        // A seam that changes nothing leaves the fingerprint as it was (and so every published index current).
        Assert.Equal(same, Fingerprint(Request with { ConfigureBuild = s => s }));
        Assert.Empty((Request with { ConfigureBuild = s => s with { Pull = s.Pull } }).ConfiguredArguments);
    }

    static ManifestBytes IndexWith(string? fingerprint, char fill = 'a') => new("application/vnd.oci.image.index.v1+json", Encoding.UTF8.GetBytes(
        $$$"""{"schemaVersion":2,"manifests":[],"annotations":{"x":"{{{new string(fill, 3)}}}"{{{(fingerprint is null ? "" : $",\"{InputFingerprint.AnnotationKey}\":\"{fingerprint}\"")}}}}}"""));

    [Fact]
    public void The_tags_index_carrying_the_fingerprint_is_kept_and_a_missing_or_moved_tag_goes_back_to_it()
    {
        var ours = IndexWith("sha256:f");
        var other = IndexWith(null, 'b');
        List<TagBefore> current = [new("3.1.1", ours.Digest, ours), new("latest", other.Digest, other), new("main", null, null)];
        var held = UnchangedInputs.Find("sha256:f", current);
        Assert.Equal(ours.Digest, held!.Digest);
        Assert.Equal(["latest", "main"], UnchangedInputs.ToMove(held, current));
        // Other inputs, no tag at all, or two indexes claiming the same inputs: build.
        Assert.Null(UnchangedInputs.Find("sha256:e", current));
        Assert.Null(UnchangedInputs.Find("sha256:f", [new TagBefore("main", null, null)]));
        var twin = IndexWith("sha256:f", 'c');
        Assert.Null(UnchangedInputs.Find("sha256:f", [new("3.1.1", ours.Digest, ours), new("main", twin.Digest, twin)]));
    }

    [Fact]
    public void The_index_records_the_fingerprint_and_its_one_base()
    {
        var inputs = new InputFingerprint("sha256:f", [Base]);
        var annotations = (Request with { Inputs = inputs }).ForIndex([new PlatformImage("linux/amd64", "sha256:" + new string('1', 64))], null).Annotations;
        Assert.Contains($"index:{InputFingerprint.AnnotationKey}=sha256:f", annotations);
        Assert.Contains($"index:{InputFingerprint.BaseDigestKey}={Base.Digest}", annotations);
        Assert.Contains("index:a=b", annotations);
    }
}
