using Git;
using GitHub;

namespace Build.Tests.Git;

/// <summary>Checkout's work on real repositories: a shallow clone on GitHub Actions is deepened and gets its tags.</summary>
public class GitCheckoutTests
{
    static GitHubContext Actions(string sha) => new() { IsGitHubActions = true, Sha = sha, Ref = "refs/heads/main", EventName = "push" };

    [Fact]
    public async Task On_actions_a_shallow_clone_gets_its_history_and_tags()
    {
        using var source = TemporaryGitRepository.Create();
        source.Commit("one");
        source.Git("tag", "v1.2.3");
        source.Commit("two");
        var head = source.Commit("three");
        using var clone = TemporaryGitRepository.ShallowClone(source);
        Assert.Equal("1", clone.Git("rev-list", "--count", "HEAD").Trim());

        var facts = await GitCheckout.PrepareAsync(clone.Path, Actions(head));

        Assert.False(facts.IsShallow);
        Assert.Equal("false", clone.Git("rev-parse", "--is-shallow-repository").Trim());
        Assert.Equal("3", clone.Git("rev-list", "--count", "HEAD").Trim());
        Assert.Equal("v1.2.3", clone.Git("tag", "--list").Trim());
    }

    [Fact]
    public async Task On_actions_a_complete_clone_gets_new_tags()
    {
        using var source = TemporaryGitRepository.Create();
        var head = source.Commit();
        using var clone = TemporaryGitRepository.ShallowClone(source);
        clone.Git("fetch", "-q", "--unshallow");
        source.Git("tag", "v2.0.0");

        await GitCheckout.PrepareAsync(clone.Path, Actions(head));

        Assert.Equal("v2.0.0", clone.Git("tag", "--list").Trim());
    }

    [Fact]
    public async Task On_actions_another_commit_than_github_sha_is_an_error_and_nothing_is_fetched()
    {
        using var source = TemporaryGitRepository.Create();
        var first = source.Commit("one");
        source.Commit("two");
        using var clone = TemporaryGitRepository.ShallowClone(source);

        var error = await Assert.ThrowsAsync<BuildError>(() => GitCheckout.PrepareAsync(clone.Path, Actions(first)));

        Assert.StartsWith("HEAD is ", error.Message);
        Assert.Equal("true", clone.Git("rev-parse", "--is-shallow-repository").Trim());
    }

    [Fact]
    public async Task Locally_a_shallow_clone_is_left_as_it_is()
    {
        using var source = TemporaryGitRepository.WithCommits(2);
        using var clone = TemporaryGitRepository.ShallowClone(source);

        var facts = await GitCheckout.PrepareAsync(clone.Path, new GitHubContext());

        Assert.True(facts.IsShallow);
        Assert.Equal("true", clone.Git("rev-parse", "--is-shallow-repository").Trim());
    }
}
