using Git;

namespace Build.Tests.Git;

public class GitRepositoryFactsTests
{
    const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void Reads_branch_sha_shallowness_changes_and_origin()
    {
        var facts = GitRepositoryFacts.Parse("/repo\ntrue\n", $"{Sha}\nrefs/heads/feature/x\n", " M a.txt\n?? b.txt\n", "git@github.com:o/r.git\n");
        Assert.Equal("/repo", facts.TopLevel);
        Assert.True(facts.IsShallow);
        Assert.Equal(Sha, facts.Sha);
        Assert.Equal("0123456", facts.ShortSha);
        Assert.Equal("feature/x", facts.Branch);
        Assert.False(facts.IsDetached);
        Assert.Equal([" M a.txt", "?? b.txt"], facts.UncommittedChanges);
        Assert.Equal("git@github.com:o/r.git", facts.OriginUrl);
        Assert.Equal("o/r", facts.Repository);
    }

    [Theory]
    [InlineData("HEAD")]
    [InlineData("refs/remotes/origin/main")]
    public void Anything_but_a_local_branch_is_a_detached_head(string symbolic)
    {
        var facts = GitRepositoryFacts.Parse("/repo\nfalse", $"{Sha}\n{symbolic}", "", null);
        Assert.True(facts.IsDetached);
        Assert.Null(facts.OriginUrl);
        Assert.Equal("", facts.Repository);
        Assert.Empty(facts.UncommittedChanges);
    }
}
