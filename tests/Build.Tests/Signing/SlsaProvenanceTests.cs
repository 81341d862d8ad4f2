using System.Text.Json.Nodes;
using GitHub;
using Signing;

namespace Build.Tests.Signing;

public class SlsaProvenanceTests
{
    static readonly ProvenanceFacts Facts = new()
    {
        SourceRepository = "https://github.com/Owner/Repo", Commit = "0123456789abcdef0123456789abcdef01234567", Ref = "refs/tags/v1.2.3",
        Invocation = "https://github.com/Owner/Repo/actions/runs/42/attempts/1", BuilderId = "https://github.com/actions/runner/github-hosted",
        BuildArgs = ["MLFLOW_IMAGE=ghcr.io/mlflow/mlflow", "MLFLOW_VERSION=v3.1.1", "BOTO3_VERSION="],
        Platforms =
        [
            new("linux/amd64", "sha256:" + new string('a', 64), [new("pkg:docker/ghcr.io/mlflow/mlflow@v3.1.1?platform=linux%2Famd64", "sha256:" + new string('1', 64))]),
            new("linux/arm64", "sha256:" + new string('b', 64), [new("pkg:docker/ghcr.io/mlflow/mlflow@v3.1.1?platform=linux%2Farm64", "sha256:" + new string('2', 64))]),
        ],
        StartedOn = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void The_predicate_states_source_build_args_base_image_per_platform_and_the_platform_digests()
    {
        var predicate = SlsaProvenance.Predicate(Facts);
        var definition = predicate["buildDefinition"]!;
        Assert.Equal(SlsaProvenance.BuildType, definition["buildType"]!.GetValue<string>());
        Assert.Equal("refs/tags/v1.2.3", definition["externalParameters"]!["source"]!["ref"]!.GetValue<string>());
        Assert.Equal("", definition["externalParameters"]!["buildArgs"]!["BOTO3_VERSION"]!.GetValue<string>());
        var dependencies = definition["resolvedDependencies"]!.AsArray();
        Assert.Equal("git+https://github.com/Owner/Repo@refs/tags/v1.2.3", dependencies[0]!["uri"]!.GetValue<string>());
        Assert.Equal(Facts.Commit, dependencies[0]!["digest"]!["gitCommit"]!.GetValue<string>());
        Assert.Equal(new string('2', 64), dependencies[2]!["digest"]!["sha256"]!.GetValue<string>());
        Assert.Equal("linux/arm64", dependencies[2]!["annotations"]!["platform"]!.GetValue<string>());
        var run = predicate["runDetails"]!;
        Assert.Equal(Facts.BuilderId, run["builder"]!["id"]!.GetValue<string>());
        Assert.Equal("2026-11-30T12:00:00Z", run["metadata"]!["startedOn"]!.GetValue<string>());
        Assert.Equal(["linux/amd64", "linux/arm64"], run["byproducts"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()));
        Assert.Equal(new string('b', 64), run["byproducts"]![1]!["digest"]!["sha256"]!.GetValue<string>());
    }

    [Fact]
    public void Base_images_come_from_BuildKits_materials_without_the_dockerfile_frontend()
    {
        var statement = JsonNode.Parse("""
            {"predicateType":"https://slsa.dev/provenance/v0.2","predicate":{"materials":[
              {"uri":"pkg:docker/docker/dockerfile@1","digest":{"sha256":"ff"}},
              {"uri":"pkg:docker/docker/buildkit-syft-scanner@stable-1","digest":{"sha256":"dd"}},
              {"uri":"pkg:docker/127.0.0.1:5000/stand-in/mlflow@v3.1.1?platform=linux%2Famd64","digest":{"sha256":"1227"}},
              {"uri":"https://example.com/file","digest":{"sha256":"ee"}}]}}
            """);
        Assert.Equal([new ResolvedImage("pkg:docker/127.0.0.1:5000/stand-in/mlflow@v3.1.1?platform=linux%2Famd64", "sha256:1227")], SlsaProvenance.BaseImagesFrom(statement));
        var v1 = JsonNode.Parse("""{"predicate":{"buildDefinition":{"resolvedDependencies":[{"uri":"pkg:docker/alpine@3","digest":{"sha256":"ab"}}]}}}""");
        Assert.Equal("sha256:ab", SlsaProvenance.BaseImagesFrom(v1).Single().Digest);
    }

    [Theory]
    [InlineData(null, false, false, true, false, "unsigned: nothing is pushed")]
    [InlineData(true, false, true, false, false, "unsigned: a fork's pull request")]
    [InlineData(null, true, false, true, false, "signed with the key")]
    [InlineData(null, true, false, false, true, "signed keyless")]
    [InlineData(false, true, false, true, true, "unsigned: --sign was turned off")]
    [InlineData(null, true, false, false, false, "unsigned: no --cosign-key")]
    public void The_sign_default(bool? requested, bool push, bool fork, bool key, bool actions, string reason)
    {
        var context = new GitHubContext
        {
            IsGitHubActions = actions || fork, Repository = "Owner/Repo", EventName = fork ? "pull_request" : "push",
            Payload = fork ? new JsonObject { ["pull_request"] = new JsonObject { ["head"] = new JsonObject { ["repo"] = new JsonObject { ["full_name"] = "fork/Repo" } } } } : new(),
        };
        var decision = SigningPolicy.Decide(requested, push && !fork, key, context);
        Assert.StartsWith(reason, decision.Reason);
        Assert.Equal(reason.StartsWith("signed", StringComparison.Ordinal), decision.Sign);
    }

    [Fact]
    public void Sign_forced_locally_without_a_key_is_a_user_error() =>
        Assert.Throws<BuildError>(() => SigningPolicy.Decide(true, true, false, new GitHubContext()));

    [Fact]
    public void On_actions_without_an_oidc_token_a_push_is_unsigned_by_default_and_a_forced_sign_is_a_user_error()
    {
        var actions = new GitHubContext { IsGitHubActions = true, Repository = "Owner/Repo", EventName = "push", Payload = new() };
        var decision = SigningPolicy.Decide(null, true, false, actions, hasOidcToken: false);
        Assert.False(decision.Sign);
        Assert.StartsWith("unsigned: this job has no OIDC token", decision.Reason);
        Assert.Throws<BuildError>(() => SigningPolicy.Decide(true, true, false, actions, hasOidcToken: false));
    }
}
