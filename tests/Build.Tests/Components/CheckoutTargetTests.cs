namespace Build.Tests.Components;

/// <summary>`_build Checkout --root &lt;repository&gt;` as a process, on real repositories.</summary>
public class CheckoutTargetTests
{
    const string NotARepository = "is not inside a git repository; clone the repository (or run 'git init') and build from there.";

    [Fact]
    public async Task Locally_reports_the_commit_and_the_version_gitversion_computes()
    {
        using var repository = Git.TemporaryGitRepository.Released(commitsAfter: 1);
        var expected = Versioning.GitVersionEngine.Run(repository.Path);

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, null, "Checkout");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"Checkout: branch main at {repository.Sha()}, 0 uncommitted change(s)", output);
        Assert.Contains($"GitVersion: SemVer {expected["SemVer"]}, FullSemVer {expected["FullSemVer"]}", output);
        Assert.Matches($@"Checkout\s+Succeeded.*// Commit: main @ {repository.Sha()[..7]}, SemVer: 1\.2\.4-1, FullSemVer: 1\.2\.4-1", output);
    }

    [Fact]
    public async Task On_actions_deepens_a_shallow_clone_and_reports_the_full_repository_version()
    {
        using var source = Git.TemporaryGitRepository.Released(commitsAfter: 1);
        using var clone = Git.TemporaryGitRepository.ShallowClone(source);
        var actions = Actions(source.Sha());

        var (exitCode, output) = await BuildProcess.RunAsync(clone.Path, actions, "Checkout");

        Assert.True(exitCode == 0, output);
        Assert.Equal("false", clone.Git("rev-parse", "--is-shallow-repository").Trim());
        Assert.Equal("v1.2.3", clone.Git("tag", "--list").Trim());
        var expected = Versioning.GitVersionEngine.Run(clone.Path, actions);
        Assert.Equal("1.2.4-1", expected["SemVer"]);
        Assert.Equal(Versioning.GitVersionEngine.Run(source.Path)["FullSemVer"], expected["FullSemVer"]);
        Assert.Contains($"Checkout: refs/heads/main (branch main) at {source.Sha()}, event push", output);
        Assert.Contains($"GitVersion: SemVer {expected["SemVer"]}, FullSemVer {expected["FullSemVer"]}", output);
    }

    [Fact]
    public async Task On_actions_a_pull_request_merge_commit_gets_the_pull_request_version()
    {
        using var source = Git.TemporaryGitRepository.Released(commitsAfter: 1);
        source.Git("checkout", "-q", "-b", "feature/x");
        source.Commit("feature work");
        source.Git("checkout", "-q", "--detach", "main");
        source.Git("merge", "-q", "--no-ff", "-m", "Merge feature/x", "feature/x");
        var merge = source.Sha();
        source.Git("update-ref", "refs/pull/7/merge", merge);
        source.Git("checkout", "-q", "main");
        using var clone = Git.TemporaryGitRepository.ActionsCheckout(source, "+refs/pull/7/merge:refs/remotes/pull/7/merge", "refs/remotes/pull/7/merge");
        var actions = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_SHA"] = merge, ["GITHUB_REF"] = "refs/pull/7/merge", ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_HEAD_REF"] = "feature/x", ["GITHUB_BASE_REF"] = "main",
        };

        var (exitCode, output) = await BuildProcess.RunAsync(clone.Path, actions, "Checkout");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"Checkout: refs/pull/7/merge (detached HEAD) at {merge}, event pull_request", output);
        var expected = Versioning.GitVersionEngine.Run(clone.Path, actions);
        Assert.Equal("1.2.4-pr-7.3", expected["SemVer"]);
        Assert.Contains($"GitVersion: SemVer {expected["SemVer"]}, FullSemVer {expected["FullSemVer"]}", output);
    }

    [Fact]
    public async Task On_actions_a_release_tag_push_is_the_release()
    {
        using var source = Git.TemporaryGitRepository.Released(commitsAfter: 1);
        source.Git("tag", "v1.3.0");
        using var clone = Git.TemporaryGitRepository.ActionsCheckout(source, "+refs/tags/v1.3.0:refs/tags/v1.3.0", "refs/tags/v1.3.0");
        var actions = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_SHA"] = source.Sha(), ["GITHUB_REF"] = "refs/tags/v1.3.0", ["GITHUB_EVENT_NAME"] = "push",
        };

        var (exitCode, output) = await BuildProcess.RunAsync(clone.Path, actions, "Checkout");

        Assert.True(exitCode == 0, output);
        Assert.Equal("false", clone.Git("rev-parse", "--is-shallow-repository").Trim());
        Assert.Contains("GitVersion: SemVer 1.3.0, FullSemVer 1.3.0", output);
    }

    [Fact]
    public async Task On_actions_head_other_than_github_sha_fails_with_one_line()
    {
        using var source = Git.TemporaryGitRepository.Released(commitsAfter: 1);
        using var clone = Git.TemporaryGitRepository.ShallowClone(source);
        var wrong = source.Sha("HEAD~1");

        var (exitCode, output) = await BuildProcess.RunAsync(clone.Path, Actions(wrong), "Checkout");

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"HEAD is {source.Sha()} but GITHUB_SHA is {wrong}: the workflow checked out another commit than the one that triggered it.", output);
        Assert.Equal("true", clone.Git("rev-parse", "--is-shallow-repository").Trim());
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Outside_a_repository_fails_with_one_line()
    {
        var directory = Git.TemporaryGitRepository.NewDirectoryOutsideRepository();
        try
        {
            var (exitCode, output) = await BuildProcess.RunAsync(directory, null, "Checkout");

            Assert.NotEqual(0, exitCode);
            Assert.Contains($"'{directory}' {NotARepository}", output);
            Assert.DoesNotContain("   at ", output);
            Assert.DoesNotContain("gitversion.dll", output);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    static Dictionary<string, string> Actions(string sha) => new()
    {
        ["GITHUB_ACTIONS"] = "true", ["GITHUB_SHA"] = sha, ["GITHUB_REF"] = "refs/heads/main", ["GITHUB_EVENT_NAME"] = "push",
    };
}
