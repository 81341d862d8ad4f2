using global::Git;

namespace Build.Tests.Git;

/// <summary>The local context, from a real git repository in a temporary directory.</summary>
public class GitContextTests : IDisposable
{
    readonly TemporaryGitRepository repository = TemporaryGitRepository.Create();

    public void Dispose() => repository.Dispose();

    /// <summary>One commit on <paramref name="branch"/>, origin at GitHub's Acme/Widget; returns the sha.</summary>
    internal static string Prepare(TemporaryGitRepository repository, string branch = "Feature/Login#7")
    {
        repository.Git("checkout", "-q", "-b", branch);
        repository.Git("remote", "add", "origin", "git@github.com:Acme/Widget.git");
        return repository.Commit("first");
    }

    [Fact]
    public async Task Reads_branch_sha_date_and_origin()
    {
        var sha = Prepare(repository);
        var context = await GitContext.LoadAsync(repository.Path);
        Assert.Equal(("push", "refs/heads/Feature/Login#7", sha, "Acme/Widget"), (context.EventName, context.Ref, context.Sha, context.Repository));
        Assert.Equal(DateTimeOffset.Parse(repository.Git("log", "-1", "--format=%cI")), context.CommitDate);
        Assert.False(context.IsGitHubActions);
    }

    [Fact]
    public async Task A_detached_head_with_a_tag_is_a_tag_ref()
    {
        var sha = Prepare(repository);
        repository.Git("tag", "v1.2.3");
        repository.Git("checkout", "-q", sha);
        Assert.Equal("refs/tags/v1.2.3", (await GitContext.LoadAsync(repository.Path)).Ref);
    }

    [Theory]
    [InlineData("https://github.com/acme/widget.git", "acme/widget")]
    [InlineData("https://github.com/acme/widget", "acme/widget")]
    [InlineData("git@github.com:acme/widget.git", "acme/widget")]
    [InlineData("ssh://git@ghes.example.com:22/acme/widget.git", "acme/widget")]
    [InlineData("", "")]
    [InlineData("/srv/repo", "")]
    public void Owner_and_repository_from_a_remote(string url, string expected) =>
        Assert.Equal(expected, GitContext.RepositoryFromRemote(url));
}
