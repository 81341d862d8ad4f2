using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using global::GitHub;
using global::GitHub.Api;
using global::Metadata;
using global::Metadata.Templates;
using Components;
using Mlflow;

namespace Build.Tests.Mlflow;

/// <summary>
/// docs/tags.md's table: what each event publishes with the default rules, for the MLflow build (MLflow 3.1.1, the
/// newest release) and for a generic build; and that no event ever yields a tag made of the commit hash alone.
/// </summary>
public class TagsPerEventTests
{
    const string Sha = "5b1834c0e2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2", Sha7 = "5b1834c";

    public static TheoryData<string, string, string, string[], string[]> Events => new()
    {
        // row, event, ref, MLflow build's tags, generic build's tags
        { "push to the default branch", "push", "refs/heads/main",
            ["main", "3.1.1", $"3.1.1-{Sha7}", "3.1", "3", "latest", $"main-{Sha7}"], ["main", "latest", $"main-{Sha7}"] },
        { "push to another branch", "push", "refs/heads/feature/x", ["feature-x", $"feature-x-{Sha7}"], ["feature-x", $"feature-x-{Sha7}"] },
        { "pull request", "pull_request", "refs/pull/7/merge", ["pr-7", $"pr-7-{Sha7}"], ["pr-7", $"pr-7-{Sha7}"] },
        { "pull request (target)", "pull_request_target", "refs/heads/main", ["pr-7", $"pr-7-{Sha7}"], ["pr-7", $"pr-7-{Sha7}"] },
        { "v* tag", "push", "refs/tags/v1.2.3", ["1.2.3", "1.2", "1", $"v1.2.3-{Sha7}"], ["1.2.3", "1.2", "1", $"v1.2.3-{Sha7}"] },
        { "v* pre-release tag", "push", "refs/tags/v1.3.0-rc.1", ["1.3.0-rc.1", $"v1.3.0-rc.1-{Sha7}"], ["1.3.0-rc.1", $"v1.3.0-rc.1-{Sha7}"] },
        { "v0.x tag", "push", "refs/tags/v0.4.0", ["0.4.0", "0.4", $"v0.4.0-{Sha7}"], ["0.4.0", "0.4", $"v0.4.0-{Sha7}"] },
        { "v* tag that is no semver", "push", "refs/tags/vnext", [$"vnext-{Sha7}"], [$"vnext-{Sha7}"] },
        { "schedule", "schedule", "refs/heads/main",
            ["main", "3.1.1", $"3.1.1-{Sha7}", "3.1", "3", "latest", $"main-{Sha7}"], ["main", "latest", $"main-{Sha7}"] },
        { "dispatch on the default branch", "workflow_dispatch", "refs/heads/main",
            ["main", "3.1.1", $"3.1.1-{Sha7}", "3.1", "3", "latest", $"main-{Sha7}"], ["main", "latest", $"main-{Sha7}"] },
        { "dispatch on a tag", "workflow_dispatch", "refs/tags/v1.2.3", ["1.2.3", "1.2", "1", $"v1.2.3-{Sha7}"], ["1.2.3", "1.2", "1", $"v1.2.3-{Sha7}"] },
        { "release pull request's checks (dispatch on its branch)", "workflow_dispatch", "refs/heads/mlflow-release/v3.2.0",
            ["mlflow-release-v3.2.0", $"mlflow-release-v3.2.0-{Sha7}"], ["mlflow-release-v3.2.0", $"mlflow-release-v3.2.0-{Sha7}"] },
        { "release pull request's checks (pull request event)", "pull_request", "refs/pull/12/merge", ["pr-12", $"pr-12-{Sha7}"], ["pr-12", $"pr-12-{Sha7}"] },
        { "detached checkout (no branch, tag or PR)", "push", "", [$"sha-{Sha7}"], [$"sha-{Sha7}"] },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_publishes_the_tags_of_the_table(string row, string eventName, string reference, string[] mlflow, string[] generic)
    {
        var github = Context(eventName, reference);
        Assert.True(mlflow.SequenceEqual(MlflowTags(github)), $"{row}: {string.Join(", ", MlflowTags(github))}");
        Assert.True(generic.SequenceEqual(GenericTags(github)), $"{row}: {string.Join(", ", GenericTags(github))}");
    }

    [Fact]
    public void A_second_MLflow_version_takes_only_its_version_tags_and_none_on_a_tag_push()
    {
        Assert.Equal(["3.0.1", $"3.0.1-{Sha7}", "3.0"], MlflowTags(Context("push", "refs/heads/main"), "v3.0.1", primary: false, inRun: ["v3.1.1", "v3.0.1"]));
        Assert.Empty(MlflowTags(Context("push", "refs/tags/v1.2.3"), "v3.0.1", primary: false, inRun: ["v3.1.1", "v3.0.1"]));
    }

    [Fact]
    public void A_flavor_that_sets_latest_is_kept_and_one_without_gets_latest_false()
    {
        Assert.Equal(["prefix=x-", "latest=false"], ITag.FlavorFor(["prefix=x-"], defaultRules: true));
        Assert.Equal(["latest=true"], ITag.FlavorFor(["latest=true"], defaultRules: true));
        Assert.Equal(["prefix=x-,latest=auto"], ITag.FlavorFor(["prefix=x-,latest=auto"], defaultRules: true));
        Assert.Empty(ITag.FlavorFor([], defaultRules: false));
    }

    static readonly Regex HexOnly = new("^[0-9a-f]{7,40}$");

    [Fact]
    public void No_event_and_no_ref_yields_a_tag_that_is_only_a_hash()
    {
        var checkedCount = 0;
        var name = Gen.String[Gen.Char["abc019._-/#"], 0, 30];
        var reference = Gen.OneOf(name.Select(n => "refs/heads/" + n), name.Select(n => "refs/tags/" + n), name.Select(n => "refs/tags/v" + n),
            Gen.Int[1, 999].Select(n => $"refs/pull/{n}/merge"), Gen.OneOf("", "refs/tags/-", "refs/heads/-", "refs/heads/.", "refs/tags/v-1.2.3", "HEAD"));
        var eventName = Gen.OneOf("push", "pull_request", "pull_request_target", "schedule", "workflow_dispatch", "release", "create");
        Gen.Select(eventName, reference, Gen.String[Gen.Char["0123456789abcdef"], 0, 40]).Sample((e, r, sha) =>
        {
            var github = Context(e, r) with { Sha = sha };
            foreach (var tag in MlflowTags(github).Concat(GenericTags(github)))
                Assert.False(HexOnly.IsMatch(tag) && sha.StartsWith(tag, StringComparison.Ordinal), $"{e} {r}: '{tag}' is the hash alone");
            Interlocked.Increment(ref checkedCount); // CsCheck samples on several threads
        }, iter: 3000);
        Assert.Equal(3000, checkedCount);
    }

    /// <summary>A run's context; a pull request's number is in the payload (pull_request_target's ref is the base branch).</summary>
    static GitHubContext Context(string eventName, string reference)
    {
        var number = reference.Split('/') is ["refs", "pull", var n, ..] ? n : "7";
        return new()
        {
            EventName = eventName, Ref = reference, Sha = Sha, Repository = "owner/repo", IsGitHubActions = true,
            Payload = JsonNode.Parse("""{"number": N, "repository": {"default_branch": "main"}, "pull_request": {"number": N, "base": {"ref": "main"}}}""".Replace("N", number))!.AsObject(),
        };
    }

    /// <summary>The MLflow build's rules, its templates filled in as the build fills them (nothing published yet).</summary>
    static IReadOnlyList<string> MlflowTags(GitHubContext github, string version = "v3.1.1", bool primary = true, string[]? inRun = null)
    {
        var context = Metadata(github);
        var line = MlflowTagLine.Decide(version, ContextTemplates.IsDefaultBranch(context), [], inRun ?? [version]);
        var rules = MlflowTagRules.For(github).Select(rule => MlflowTemplates.Expand(rule, version, () => line, primary)).ToList();
        return Compute(rules, context);
    }

    static IReadOnlyList<string> GenericTags(GitHubContext github) => Compute(GenericTagRules.For(github), Metadata(github));

    static MetadataContext Metadata(GitHubContext github) =>
        MetadataContext.FromGitHub(github, new RepositoryData("repo", "", "https://github.com/owner/repo", "", "main"),
            new Dictionary<string, string?>(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    static IReadOnlyList<string> Compute(IReadOnlyList<string> rules, MetadataContext context) =>
        MetadataComputation.Compute(new MetadataInputs { Images = [], Tags = rules, Flavor = ITag.FlavorFor([], defaultRules: true) }, context).TagNames;
}
