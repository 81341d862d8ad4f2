using System.Text.Json.Nodes;
using global::GitHub.Api;

namespace Build.Tests.GitHub;

/// <summary>workflow_dispatch, the run it started, and a repository's releases, against the fake API.</summary>
public class GitHubApiActionsTests
{
    const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public async Task A_dispatch_posts_the_ref_and_the_inputs_to_the_workflow_file()
    {
        JsonObject? sent = null;
        using var api = new FakeGitHubApi().Handle("POST", "/repos/acme/widget/actions/workflows/publish.yml/dispatches", (_, body) =>
        {
            sent = (JsonObject)JsonNode.Parse(body)!;
            return (204, "");
        });
        await new GitHubApi(api.Url, new Secret("actions-api-test-token")).DispatchWorkflowAsync("acme", "widget", "publish.yml", "release/v1", new Dictionary<string, string> { ["push"] = "false" });
        Assert.Equal("release/v1", sent!["ref"]!.GetValue<string>());
        Assert.Equal("false", sent["inputs"]!["push"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_dispatch_is_one_line_naming_the_permission()
    {
        using var api = new FakeGitHubApi().Handle("POST", "/repos/acme/widget/actions/workflows/publish.yml/dispatches",
            (_, _) => (403, """{"message":"Resource not accessible by integration"}"""));
        var error = await Assert.ThrowsAsync<BuildError>(() =>
            new GitHubApi(api.Url, new Secret("actions-api-test-token")).DispatchWorkflowAsync("acme", "widget", "publish.yml", "release/v1", new Dictionary<string, string>()));
        Assert.Contains("Could not start publish.yml on release/v1 of acme/widget", error.Message);
        Assert.Contains("403", error.Message);
        Assert.Contains("actions: write", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task The_dispatched_run_is_found_by_its_commit_once_listed_and_missing_runs_are_null()
    {
        var calls = 0;
        using var api = new FakeGitHubApi().Handle("GET", "/repos/acme/widget/actions/workflows/publish.yml/runs", (_, _) =>
        {
            var listed = Interlocked.Increment(ref calls) >= 2; // GitHub lists the run a moment after the dispatch
            var runs = new JsonArray();
            runs.Add(new JsonObject { ["id"] = 1, ["head_sha"] = new string('f', 40), ["html_url"] = "https://github.com/acme/widget/actions/runs/1" });
            if (listed) runs.Add(new JsonObject { ["id"] = 2, ["head_sha"] = Sha, ["html_url"] = "https://github.com/acme/widget/actions/runs/2" });
            return (200, new JsonObject { ["total_count"] = runs.Count, ["workflow_runs"] = runs }.ToJsonString());
        });
        var client = new GitHubApi(api.Url, new Secret("actions-api-test-token"));
        Assert.Equal("https://github.com/acme/widget/actions/runs/2",
            await client.FindDispatchedRunAsync("acme", "widget", "publish.yml", "release/v1", Sha, attempts: 3, pause: TimeSpan.FromMilliseconds(10)));
        Assert.Contains(api.Queries, query => query.Contains("event=workflow_dispatch") && query.Contains($"head_sha={Sha}") && query.Contains("branch=release%2Fv1"));
        Assert.Null(await client.FindDispatchedRunAsync("acme", "widget", "other.yml", "release/v1", Sha, attempts: 2, pause: TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public async Task Releases_are_read_page_by_page_until_the_page_holding_the_oldest_wanted_and_drafts_are_left_out()
    {
        var pages = new List<string>();
        using var api = new FakeGitHubApi().Handle("GET", "/repos/mlflow/mlflow/releases", (query, _) =>
        {
            var page = int.Parse(System.Web.HttpUtility.ParseQueryString(query)["page"] ?? "1");
            lock (pages) pages.Add(query);
            var releases = Enumerable.Range(0, 100).Select(i => (JsonNode)new JsonObject
            {
                ["id"] = page * 1000 + i, ["tag_name"] = $"v9.{10 - page}.{99 - i}", ["body"] = "notes", ["html_url"] = "u", ["draft"] = i == 0,
            });
            return (200, new JsonArray([.. releases]).ToJsonString());
        });
        var releases = await new GitHubApi(api.Url, null).GetReleasesAsync("mlflow", "mlflow", "v9.8.50");
        Assert.Equal(2, pages.Count); // v9.8.50 is on page 2: nothing after it is read
        Assert.Equal(198, releases!.Count);
        Assert.DoesNotContain(releases, release => release.Tag is "v9.9.99" or "v9.8.99");
        Assert.Null(await new GitHubApi(api.Url, null).GetReleasesAsync("nobody", "nothing", "v1.0.0"));
    }
}
