using Git;
using GitHub;
using Versioning;

namespace Build.Tests.Versioning;

/// <summary>
/// Versions of real repositories (with the project's GitVersion.yml) as the build computes them, compared with
/// the GitVersion engine run directly on the same repository.
/// </summary>
public class GitVersionRepositoryTests
{
    static readonly GitVersionTool Tool = GitVersionTool.Locate(System.Environment.GetEnvironmentVariable);
    /// <summary>A run's snapshot off GitHub Actions: GitVersion never normalises, whatever this process's variables say.</summary>
    static readonly Func<string, string?> OffActions = _ => null;

    [Theory]
    [InlineData(null, "1.2.4-2", "1.2.4-2")]
    [InlineData("feature/login", "1.2.4-login.1", "1.2.4-login.1+3")]
    [InlineData("pull/7/merge", "1.2.4-pr-7.3", "1.2.4-pr-7.3")]
    public async Task Versions_of_branches_after_a_release(string? branch, string semVer, string fullSemVer)
    {
        using var repository = Git.TemporaryGitRepository.Released(commitsAfter: 2);
        if (branch is not null)
        {
            repository.Git("checkout", "-q", "-b", branch);
            repository.Commit("on " + branch);
        }

        var version = await AssertSameAsEngine(repository.Path);

        Assert.Equal(semVer, version.SemVer);
        Assert.Equal(fullSemVer, version.FullSemVer);
        Assert.Equal(repository.Sha(), version.Sha);
    }

    [Fact]
    public async Task A_tagged_release_is_its_tag()
    {
        using var repository = Git.TemporaryGitRepository.Released(commitsAfter: 2);
        repository.Git("tag", "v1.3.0");

        var version = await AssertSameAsEngine(repository.Path);

        Assert.Equal("1.3.0", version.SemVer);
        Assert.Equal("1.3.0", version.FullSemVer);
        Assert.True(version.IsRelease);
    }

    [Fact]
    public async Task A_detached_head_on_a_release_tag_is_the_release()
    {
        using var repository = Git.TemporaryGitRepository.Released(commitsAfter: 2);
        repository.Git("checkout", "-q", "--detach", "v1.2.3");

        var version = await AssertSameAsEngine(repository.Path);

        Assert.Equal("1.2.3", version.SemVer);
        Assert.Equal(repository.Sha("v1.2.3"), version.Sha);
    }

    [Fact]
    public async Task A_shallow_clone_deepened_by_checkout_has_the_version_of_the_full_repository()
    {
        using var source = Git.TemporaryGitRepository.Released(commitsAfter: 2);
        using var clone = Git.TemporaryGitRepository.ShallowClone(source);
        var shallow = await Tool.ComputeAsync(clone.Path, OffActions);
        Assert.Equal("0.0.1-1", shallow.SemVer); // no tag is reachable in one commit of history

        await GitCheckout.PrepareAsync(clone.Path, new GitHubContext { IsGitHubActions = true, Sha = source.Sha(), Ref = "refs/heads/main" });
        var deepened = await AssertSameAsEngine(clone.Path);

        Assert.Equal("1.2.4-2", deepened.SemVer);
        Assert.Equal((await Tool.ComputeAsync(source.Path, OffActions)).FullSemVer, deepened.FullSemVer);
    }

    [Fact]
    public async Task Outside_a_repository_gitversion_fails_with_one_line()
    {
        var directory = Git.TemporaryGitRepository.NewDirectoryOutsideRepository();
        try
        {
            var error = await Assert.ThrowsAsync<BuildError>(() => Tool.ComputeAsync(directory, OffActions));
            Assert.Equal($"GitVersion failed on '{directory}': Cannot find the .git directory", error.Message);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    /// <summary>Computes the version as the build does and checks every variable against a direct run of the engine.</summary>
    static async Task<GitVersion> AssertSameAsEngine(string repository)
    {
        var version = await Tool.ComputeAsync(repository, OffActions);
        var direct = GitVersionEngine.Run(repository);
        Assert.Equal(direct.Count, version.Variables.Count);
        foreach (var (name, value) in direct)
            Assert.True(version.Variables.TryGetValue(name, out var ours) && ours == value, $"{name}: engine '{value}', build '{ours}'");
        return version;
    }
}
