using Git;

namespace Build.Tests.Git;

/// <summary>GitRepository against real repositories made with the git CLI.</summary>
public class GitRepositoryTests
{
    [Fact]
    public async Task Reads_a_repository_on_a_branch()
    {
        using var repository = TemporaryGitRepository.Create();
        var sha = repository.Commit();
        repository.Git("remote", "add", "origin", "https://github.com/owner/image.git");

        var facts = await GitRepository.ReadAsync(System.IO.Path.Combine(repository.Path, ".nuke"));

        Assert.Equal(repository.Path, facts.TopLevel);
        Assert.Equal(sha, facts.Sha);
        Assert.Equal("main", facts.Branch);
        Assert.False(facts.IsShallow);
        Assert.Empty(facts.UncommittedChanges);
        Assert.Equal("owner/image", facts.Repository);
    }

    [Fact]
    public async Task Sees_uncommitted_and_untracked_changes()
    {
        using var repository = TemporaryGitRepository.Create();
        repository.Commit();
        File.AppendAllText(System.IO.Path.Combine(repository.Path, "file.txt"), "edited\n");
        File.WriteAllText(System.IO.Path.Combine(repository.Path, "new.txt"), "new\n");

        var facts = await GitRepository.ReadAsync(repository.Path);

        Assert.Equal([" M file.txt", "?? new.txt"], facts.UncommittedChanges.Order());
    }

    [Fact]
    public async Task A_detached_head_has_no_branch()
    {
        using var repository = TemporaryGitRepository.Create();
        var first = repository.Commit("one");
        repository.Commit("two");
        repository.Git("checkout", "-q", "--detach", first);

        var facts = await GitRepository.ReadAsync(repository.Path);

        Assert.True(facts.IsDetached);
        Assert.Equal(first, facts.Sha);
    }

    [Fact]
    public async Task A_shallow_clone_is_shallow_and_its_file_origin_names_no_github_repository()
    {
        using var source = TemporaryGitRepository.WithCommits(2);
        using var clone = TemporaryGitRepository.ShallowClone(source);

        var facts = await GitRepository.ReadAsync(clone.Path);

        Assert.True(facts.IsShallow);
        Assert.Equal(source.Sha(), facts.Sha);
        Assert.Equal("file://" + source.Path, facts.OriginUrl);
        Assert.Equal("", facts.Repository);
    }

    [Fact]
    public async Task Outside_a_repository_is_one_clear_error()
    {
        var directory = TemporaryGitRepository.NewDirectoryOutsideRepository();
        try
        {
            var error = await Assert.ThrowsAsync<BuildError>(() => GitRepository.ReadAsync(directory));
            Assert.Equal($"'{directory}' is not inside a git repository; clone the repository (or run 'git init') and build from there.", error.Message);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public async Task A_repository_without_commits_is_one_clear_error()
    {
        using var repository = TemporaryGitRepository.Create();
        var error = await Assert.ThrowsAsync<BuildError>(() => GitRepository.ReadAsync(repository.Path));
        Assert.Contains("has no commit checked out yet", error.Message);
    }
}
