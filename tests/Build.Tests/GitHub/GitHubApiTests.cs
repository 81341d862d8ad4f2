using global::GitHub.Api;

namespace Build.Tests.GitHub;

public class GitHubApiTests
{
    const string Repository = """
        {"name": "widget", "full_name": "acme/widget", "description": "A widget", "html_url": "https://github.com/acme/widget",
         "default_branch": "trunk", "license": {"key": "mit", "name": "MIT License", "spdx_id": "MIT"}, "owner": {"login": "acme"}}
        """;

    [Fact]
    public async Task Reads_repository_data_through_Octokit_with_the_token()
    {
        using var api = new FakeGitHubApi().Serve("/repos/acme/widget", Repository);
        var data = await new GitHubApi(api.Url, new Secret("secret-token")).GetRepositoryAsync("acme", "widget");
        Assert.Equal(new RepositoryData("widget", "A widget", "https://github.com/acme/widget", "MIT", "trunk"), data);
        Assert.Equal(["/repos/acme/widget"], api.Requests);
        Assert.Contains("secret-token", api.Authorizations.Single());
    }

    [Fact]
    public async Task Keeps_an_enterprise_api_path()
    {
        using var api = new FakeGitHubApi().Serve("/api/v3/repos/acme/widget", Repository);
        Assert.NotNull(await new GitHubApi(api.Url + "/api/v3", null).GetRepositoryAsync("acme", "widget"));
        Assert.Null(api.Authorizations.Single());
    }

    [Fact]
    public async Task A_missing_repository_or_an_unreachable_api_is_null_not_an_error()
    {
        using var api = new FakeGitHubApi();
        Assert.Null(await new GitHubApi(api.Url, null).GetRepositoryAsync("acme", "nothing"));
        var closedPort = api.Url;
        api.Dispose();
        var started = DateTime.UtcNow;
        Assert.Null(await new GitHubApi(closedPort, null, TimeSpan.FromSeconds(5)).GetRepositoryAsync("acme", "widget"));
        Assert.Null(await new GitHubApi(closedPort, null, TimeSpan.FromSeconds(5)).GetCommitDateAsync("acme", "widget", "abc"));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Reads_a_commits_committer_date()
    {
        using var api = new FakeGitHubApi().Serve("/repos/acme/widget/commits/abc123",
            """{"sha": "abc123", "commit": {"message": "m", "committer": {"name": "n", "email": "e", "date": "2021-05-06T07:08:09Z"}}}""");
        Assert.Equal(new DateTimeOffset(2021, 5, 6, 7, 8, 9, TimeSpan.Zero), await new GitHubApi(api.Url, null).GetCommitDateAsync("acme", "widget", "abc123"));
    }

    [Fact]
    public async Task A_body_that_is_not_repository_json_is_null_not_an_error()
    {
        using var api = new FakeGitHubApi().Serve("/repos/acme/widget", "<html>proxy error</html>");
        Assert.Null(await new GitHubApi(api.Url, null).GetRepositoryAsync("acme", "widget"));
    }
}
