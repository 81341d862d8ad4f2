using global::GitHub.Context;
using global::Metadata;

namespace Build.Tests.GitHub;

public class EnvironmentContextTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("tag-context-").FullName;

    public void Dispose() => Directory.Delete(directory, true);

    [Fact]
    public void Reads_variables_and_the_payload()
    {
        var payload = Path.Combine(directory, "event.json");
        File.WriteAllText(payload, """
            {"repository": {"full_name": "acme/widget", "default_branch": "main"},
             "commits": [{"id": "abc", "timestamp": "2021-01-02T03:04:05+01:00"}], "head_commit": {"id": "def", "timestamp": "2022-01-01T00:00:00Z"}}
            """);
        var context = EnvironmentContext.Load(new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/heads/main", ["GITHUB_SHA"] = "abc",
            ["GITHUB_EVENT_PATH"] = payload, ["GITHUB_API_URL"] = "http://127.0.0.1:1/",
        });
        Assert.Equal("acme/widget", context.Repository);
        Assert.Equal(("acme", "widget"), (context.Owner, context.RepositoryName));
        Assert.Equal("main", context.DefaultBranch);
        Assert.Equal(new DateTimeOffset(2021, 1, 2, 2, 4, 5, TimeSpan.Zero), context.CommitDate);
        Assert.Equal("http://127.0.0.1:1/", context.ApiUrl);
        Assert.True(context.IsGitHubActions);
    }

    [Fact]
    public void A_missing_payload_is_an_empty_one()
    {
        var context = EnvironmentContext.Load(new Dictionary<string, string?> { ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_EVENT_PATH"] = Path.Combine(directory, "none.json") });
        Assert.Empty(context.Payload);
        Assert.Equal("https://api.github.com", context.ApiUrl);
        Assert.False(EnvironmentContext.Describes(new Dictionary<string, string?>()));
    }

    [Fact]
    public async Task Falls_back_to_what_is_known_when_the_api_is_unreachable()
    {
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/heads/main", ["GITHUB_SHA"] = "abc", ["GITHUB_REPOSITORY"] = "Acme/Widget",
            ["GITHUB_API_URL"] = "http://127.0.0.1:9", ["SOURCE_DATE_EPOCH"] = "1600000000",
        };
        var context = await MetadataContextSource.LoadAsync(EnvironmentContext.Load(environment), environment, Secret.From(environment.GetValueOrDefault("GITHUB_TOKEN")), needsCommitDate: true);
        Assert.Equal(new global::GitHub.Api.RepositoryData("Widget", "", "https://github.com/Acme/Widget", "", ""), context.Repository);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1600000000), context.Now);
        Assert.Equal(context.Now, context.CommitDate);
    }

    [Fact]
    public async Task Asks_the_api_for_the_commit_date_only_when_a_template_needs_it()
    {
        using var api = new FakeGitHubApi()
            .Serve("/repos/acme/widget", """{"name": "widget", "html_url": "https://x/acme/widget", "default_branch": "main"}""")
            .Serve("/repos/acme/widget/commits/abc", """{"sha": "abc", "commit": {"committer": {"date": "2021-05-06T07:08:09Z"}}}""");
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_EVENT_NAME"] = "workflow_dispatch", ["GITHUB_REF"] = "refs/heads/main", ["GITHUB_SHA"] = "abc",
            ["GITHUB_REPOSITORY"] = "acme/widget", ["GITHUB_API_URL"] = api.Url,
        };
        var github = EnvironmentContext.Load(environment);
        await MetadataContextSource.LoadAsync(github, environment, Secret.From(environment.GetValueOrDefault("GITHUB_TOKEN")), needsCommitDate: false);
        Assert.Equal(["/repos/acme/widget"], api.Requests);
        var context = await MetadataContextSource.LoadAsync(github, environment, Secret.From(environment.GetValueOrDefault("GITHUB_TOKEN")), needsCommitDate: true);
        Assert.Equal(new DateTimeOffset(2021, 5, 6, 7, 8, 9, TimeSpan.Zero), context.CommitDate);
        Assert.Throws<BuildError>(() => MetadataContextSource.LoadAsync(github, new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "soon" }, null, false).GetAwaiter().GetResult());
    }
}
