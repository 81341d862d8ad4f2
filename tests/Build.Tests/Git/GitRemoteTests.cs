using CsCheck;
using Git;

namespace Build.Tests.Git;

public class GitRemoteTests
{
    [Theory]
    [InlineData("https://github.com/mlflow/mlflow.git", "github.com", "mlflow/mlflow")]
    [InlineData("https://github.com/owner/repo", "github.com", "owner/repo")]
    [InlineData("https://x-access-token@github.com/owner/repo.git/", "github.com", "owner/repo")]
    [InlineData("git@github.com:owner/repo.git", "github.com", "owner/repo")]
    [InlineData("ssh://git@ghe.example.com:2222/team/image.git", "ghe.example.com", "team/image")]
    [InlineData("git://example.org/a/b", "example.org", "a/b")]
    public void Names_host_and_owner_repo(string url, string host, string identifier)
    {
        var remote = GitRemote.Parse(url);
        Assert.Equal(host, remote.Host);
        Assert.Equal(identifier, remote.Identifier);
    }

    [Theory]
    [InlineData("file:///tmp/source")]
    [InlineData("/tmp/source")]
    [InlineData("../source")]
    [InlineData("https://example.org/only-one-segment")]
    public void Local_paths_name_no_repository(string url) => Assert.Null(GitRemote.Parse(url).Identifier);

    [Fact]
    public void Every_url_form_names_the_same_repository()
    {
        var segment = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_"], 1, 20];
        Gen.Select(segment, segment).Sample((owner, name) =>
        {
            string[] urls = [$"https://github.com/{owner}/{name}.git", $"https://github.com/{owner}/{name}",
                             $"git@github.com:{owner}/{name}.git", $"ssh://git@github.com/{owner}/{name}"];
            return urls.All(url => GitRemote.Parse(url).Identifier == $"{owner}/{name}");
        });
    }
}
