using Git;
using GitHub;

namespace Build.Tests.Git;

public class CheckoutPlanTests
{
    const string Sha = "0123456789abcdef0123456789abcdef01234567";

    static GitRepositoryFacts Repository(bool shallow = false, string? branch = "main", bool origin = true, params string[] changes) => new()
    {
        TopLevel = "/repo", Sha = Sha, Branch = branch, IsShallow = shallow, UncommittedChanges = changes,
        OriginUrl = origin ? "https://github.com/owner/repo.git" : null,
    };

    static GitHubContext Actions(string sha = Sha) =>
        new() { IsGitHubActions = true, Sha = sha, Ref = "refs/pull/7/merge", EventName = "pull_request" };

    [Fact]
    public void Locally_reports_and_changes_nothing()
    {
        var plan = CheckoutPlan.For(Repository(shallow: true), new GitHubContext());
        Assert.False(plan.Unshallow);
        Assert.False(plan.FetchTags);
        Assert.Equal($"branch main at {Sha}, 0 uncommitted change(s)", plan.Description);
        Assert.Contains(plan.Warnings, w => w.Contains("shallow clone"));
    }

    [Fact]
    public void Locally_uncommitted_changes_are_a_warning_listing_the_paths()
    {
        string[] changes = [" M a.txt", "?? b.txt", "A  c.txt", " M d", " M e", " M f", " M g"];
        var plan = CheckoutPlan.For(Repository(false, "main", true, changes), new GitHubContext());
        var warning = Assert.Single(plan.Warnings);
        Assert.StartsWith("7 uncommitted change(s): a.txt, b.txt, c.txt, d, e and 2 more", warning);
    }

    [Fact]
    public void On_actions_a_shallow_clone_is_unshallowed()
    {
        var plan = CheckoutPlan.For(Repository(shallow: true, branch: null), Actions());
        Assert.True(plan.Unshallow);
        Assert.False(plan.FetchTags);
        Assert.Equal($"refs/pull/7/merge (detached HEAD) at {Sha}, event pull_request", plan.Description);
    }

    [Fact]
    public void On_actions_a_complete_clone_fetches_tags()
    {
        var plan = CheckoutPlan.For(Repository(), Actions(Sha.ToUpperInvariant()));
        Assert.False(plan.Unshallow);
        Assert.True(plan.FetchTags);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void On_actions_head_must_be_github_sha()
    {
        var error = Assert.Throws<BuildError>(() => CheckoutPlan.For(Repository(), Actions("fedcba9876543210fedcba9876543210fedcba98")));
        Assert.Equal($"HEAD is {Sha} but GITHUB_SHA is fedcba9876543210fedcba9876543210fedcba98: the workflow checked out another commit than the one that triggered it.", error.Message);
    }

    [Fact]
    public void On_actions_github_sha_must_be_set() =>
        Assert.Contains("GITHUB_SHA is empty", Assert.Throws<BuildError>(() => CheckoutPlan.For(Repository(), Actions(""))).Message);

    [Fact]
    public void On_actions_a_shallow_clone_needs_a_remote() =>
        Assert.Contains("no 'origin' remote", Assert.Throws<BuildError>(() => CheckoutPlan.For(Repository(shallow: true, origin: false), Actions())).Message);
}
