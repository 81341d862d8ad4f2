using Build.Tests.Support;
using Git;
using Mlflow;

namespace Build.Tests.Mlflow;

/// <summary>The pure parts of MlflowRelease: what counts as a release, the one line of the default, the proposal.</summary>
public class MlflowReleaseTests
{
    [Fact]
    public void Among_the_base_images_tags_the_newest_stable_release_is_v3_1_1()
    {
        Assert.Equal(new MlflowRelease(3, 1, 1), MlflowRelease.Newest(["v3.0.1", "v3.1.1", "v3.2.0rc0", "v3.1.1-full", "latest", "latest-full"]));
        Assert.Equal("v3.10.0", MlflowRelease.Newest(["v3.9.9", "v3.10.0", "v3.2.0"])!.Tag);   // numbers, not strings
        Assert.Null(MlflowRelease.Newest(["latest", "v3.2.0rc0", "v3.2.0.dev0", "v3.1.1-full"]));
    }

    [Theory]
    [InlineData("v3.2.0rc0")] [InlineData("v3.2.0.dev0")] [InlineData("v3.1.1-full")] [InlineData("latest")]
    [InlineData("v3.01.1")] [InlineData("v3.1")] [InlineData("v3.1.1\n")] [InlineData("V3.1.1")] [InlineData("v99999999999.0.0")]
    public void Not_a_release(string tag) => Assert.Null(MlflowRelease.TryParse(tag));

    const string Dockerfile = "# the image\nARG MLFLOW_IMAGE=ghcr.io/mlflow/mlflow\nARG MLFLOW_VERSION=v3.1.1\nFROM ${MLFLOW_IMAGE}:${MLFLOW_VERSION}\nARG MLFLOW_VERSION\n";

    [Fact]
    public void The_default_is_the_one_ARG_line_and_replacing_it_changes_nothing_else()
    {
        Assert.Equal("v3.1.1", MlflowDefaultVersion.Read(Dockerfile));
        Assert.Equal(Dockerfile.Replace("=v3.1.1", "=v3.2.0"), MlflowDefaultVersion.Replace(Dockerfile, "v3.2.0"));
        Assert.Equal("v3.2.0", MlflowDefaultVersion.Read(MlflowDefaultVersion.Replace(Dockerfile.Replace("\n", "\r\n"), "v3.2.0")));
    }

    [Fact]
    public void The_projects_dockerfile_holds_the_default_and_the_build_no_other_copy()
    {
        var version = MlflowDefaultVersion.ReadFile(Path.Combine(Repo.Root, "dockerfile.mlflow"));
        Assert.NotNull(MlflowRelease.TryParse(version));
        var copies = Directory.GetFiles(Path.Combine(Repo.Root, "build"), "*.cs", SearchOption.AllDirectories)
            // Code, not comments: a string literal of the version anywhere in the build would be a second default.
            .Where(file => File.ReadLines(file).Any(line => !line.TrimStart().StartsWith("//") && line.Contains($"\"{version}\"", StringComparison.Ordinal)))
            .Select(file => Path.GetRelativePath(Repo.Root, file));
        Assert.Empty(copies);
    }

    [Theory]
    [InlineData("# no default here\nFROM x\n", "has no 'ARG MLFLOW_VERSION=<tag>' line")]
    [InlineData("ARG MLFLOW_VERSION=v3.1.1\nARG MLFLOW_VERSION=v3.0.1\n", "more than one")]
    [InlineData("ARG MLFLOW_VERSION=\"v3.1.1\"\n", "has no 'ARG MLFLOW_VERSION=<tag>' line")]
    public void A_dockerfile_without_exactly_one_plain_default_is_one_line(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<BuildError>(() => MlflowDefaultVersion.Read(text)).Message);

    [Fact]
    public void Only_a_docker_tag_can_become_the_default() =>
        Assert.Throws<BuildError>(() => MlflowDefaultVersion.Replace(Dockerfile, "v3.2.0\nRUN evil"));

    [Fact]
    public void The_proposal_names_its_branch_and_links_the_release()
    {
        var proposal = new MlflowReleaseProposal("v3.1.1", new MlflowRelease(3, 2, 0));
        Assert.Equal("mlflow-release/v3.2.0", proposal.Branch);
        var body = proposal.Body(null, "");
        Assert.Contains("https://github.com/mlflow/mlflow/releases/tag/v3.2.0", body);
        Assert.Contains("from `v3.1.1` to `v3.2.0`", body);
    }

    [Fact]
    public void The_push_gets_the_token_in_its_environment_only()
    {
        const string token = "ghs_push_sentinel";
        var push = GitCommands.ForcePushHead("/repo", "origin", "mlflow-release/v3.2.0", "https://github.com/", new Secret(token));

        Assert.DoesNotContain(push.Arguments, argument => argument.Contains(token) || argument.Contains("x-access-token"));
        Assert.Equal("2", push.Environment["GIT_CONFIG_COUNT"]);
        Assert.Equal("http.https://github.com/.extraheader", push.Environment["GIT_CONFIG_KEY_0"]);
        Assert.Equal("", push.Environment["GIT_CONFIG_VALUE_0"]);   // empties what actions/checkout may have persisted
        Assert.Equal("AUTHORIZATION: basic " + Convert.ToBase64String("x-access-token:ghs_push_sentinel"u8.ToArray()), push.SecretEnvironment["GIT_CONFIG_VALUE_1"].Reveal());
        Assert.False(push.Environment.ContainsKey("GIT_CONFIG_VALUE_1"));
        Assert.Equal("AUTHORIZATION: basic " + Convert.ToBase64String("x-access-token:ghs_push_sentinel"u8.ToArray()), Tooling.ToolRunner.EnvironmentOf(push)["GIT_CONFIG_VALUE_1"]);
        Assert.Equal("C", push.Environment["LC_ALL"]);
    }
}
