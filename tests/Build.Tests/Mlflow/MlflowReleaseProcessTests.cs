using System.Text.Json.Nodes;
using Build.Tests.Components;
using Build.Tests.Docker;
using Build.Tests.GitHub;
using Build.Tests.Git;
using Build.Tests.Support;
using Docker;
using Mlflow;
using Registry;

namespace Build.Tests.Mlflow;

/// <summary>
/// ./build.sh MlflowRelease against a copy of the stand-in base in a test-unique repository of the local registry
/// (tags v3.0.1, v3.1.1, v3.2.0rc0, v3.1.1-full, latest), a git repository as origin over real smart HTTP
/// (git http-backend), and a local fake of GitHub's pull request API.
/// </summary>
public class MlflowReleaseProcessTests
{
    internal static readonly string[] BaseTags = ["v3.0.1", "v3.1.1", "v3.2.0rc0", "v3.1.1-full", "latest"];
    internal const string Token = "ghs_release_sentinel_token";

    [SkippableFact]
    public async Task Finds_v3_1_1_then_a_new_v3_2_0_is_proposed_in_one_pull_request()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var baseImage = UniqueBase();
        await CopyStandInAsync(sandbox, baseImage, BaseTags);
        var local = new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory };

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, local, "MlflowRelease", "--mlflow-image", baseImage);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"Newest MLflow release in {baseImage}: v3.1.1", output);
        Assert.Contains("Default version of this build:   v3.1.1", output);
        Assert.Contains("Up to date.", output);

        await CopyStandInAsync(sandbox, baseImage, ["v3.2.0"]);
        using var remote = Remote(repository);
        // Origin over git's smart HTTP, accepting only the token; a stale header as a persisted checkout would leave.
        using var gitServer = new GitHttpServer(remote.Path, Token);
        repository.Git("remote", "set-url", "origin", $"{gitServer.Url}/.git");
        repository.Git("config", $"http.{gitServer.Url}/.extraheader", "AUTHORIZATION: basic c3RhbGU6c3RhbGU=");
        var dockerfile = File.ReadAllText(Path.Combine(repository.Path, "dockerfile.mlflow"));

        // A token the API refuses: one line, nothing pushed, the file untouched.
        using (var refusing = new FakeGitHubApi().Handle("GET", "/repos/Owner/Repo/pulls", (_, _) => (401, """{"message":"Bad credentials"}""")))
        {
            (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Actions(repository, sandbox, refusing), "MlflowRelease", "--mlflow-image", baseImage, "--update");
            Assert.NotEqual(0, exitCode);
            Assert.Contains("Could not list the open pull requests of Owner/Repo", output);
            Assert.Contains("401", output);
            Assert.DoesNotContain("   at ", output);
            Assert.DoesNotContain("mlflow-release", remote.Git("branch", "--list"));
            Assert.Equal(dockerfile, File.ReadAllText(Path.Combine(repository.Path, "dockerfile.mlflow")));
        }

        using var api = PullRequestApi(out var created);
        var actions = Actions(repository, sandbox, api);
        (exitCode, output) = await BuildProcess.RunAsync(repository.Path, actions, "MlflowRelease", "--mlflow-image", baseImage, "--update");
        Assert.True(exitCode == 0, output);
        Assert.Contains($"Newest MLflow release in {baseImage}: v3.2.0", output);
        Assert.Contains("Opened pull request #1", output);
        Assert.Equal(dockerfile.Replace("ARG MLFLOW_VERSION=v3.1.1\n", "ARG MLFLOW_VERSION=v3.2.0\n"), remote.Git("show", "mlflow-release/v3.2.0:dockerfile.mlflow"));
        Assert.Equal("dockerfile.mlflow\n", remote.Git("diff", "--name-only", "main", "mlflow-release/v3.2.0"));
        Assert.Single(created);
        Assert.Equal("mlflow-release/v3.2.0", created[0]["head"]!.GetValue<string>());
        Assert.Equal("main", created[0]["base"]!.GetValue<string>());
        Assert.Contains("https://github.com/mlflow/mlflow/releases/tag/v3.2.0", created[0]["body"]!.GetValue<string>());
        Assert.Contains("3.2.0", created[0]["title"]!.GetValue<string>());
        Assert.DoesNotContain(Token, output);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"x-access-token:{Token}")), output);
        Assert.All(api.Authorizations, authorization => Assert.Contains(Token, authorization));
        // Every request of the push carried exactly the token's header (the stale one emptied, none twice).
        Assert.NotEmpty(gitServer.Authorizations);
        Assert.All(gitServer.Authorizations, authorization => Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"x-access-token:{Token}")), authorization, ignoreCase: true));
        Assert.DoesNotContain(Token, File.ReadAllText(Path.Combine(repository.Path, ".git", "config")));

        // The next daily run, from a fresh checkout of main, finds the open pull request and opens no second one.
        repository.Git("checkout", "-q", "main");
        (exitCode, output) = await BuildProcess.RunAsync(repository.Path, actions, "MlflowRelease", "--mlflow-image", baseImage, "--update");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Pull request #1 already proposes v3.2.0: https://github.com/Owner/Repo/pull/1", output);
        Assert.Single(created);
        Assert.Equal(dockerfile, File.ReadAllText(Path.Combine(repository.Path, "dockerfile.mlflow")));

        // Locally, --update changes the one line and nothing else.
        (exitCode, output) = await BuildProcess.RunAsync(repository.Path, local, "MlflowRelease", "--mlflow-image", baseImage, "--update");
        Assert.True(exitCode == 0, output);
        Assert.Contains("dockerfile.mlflow: ARG MLFLOW_VERSION=v3.1.1 → v3.2.0", output);
        Assert.Equal("v3.2.0", MlflowDefaultVersion.ReadFile(Path.Combine(repository.Path, "dockerfile.mlflow")));
        Assert.Equal(" dockerfile.mlflow | 2 +-", repository.Git("diff", "--stat").Split('\n')[0]);
    }

    [SkippableFact]
    public async Task The_local_registry_pages_its_tag_list_and_every_page_is_read()
    {
        Need.Registry();
        using var sandbox = new DockerSandbox();
        await sandbox.LoginToBaseAsync();
        var baseImage = UniqueBase();
        await CopyStandInAsync(sandbox, baseImage, BaseTags);
        var reference = ImageReference.Parse(baseImage);
        using var api = new RegistryApi(reference, TestRegistry.User, TestRegistry.PasswordSecret);

        var tags = await RegistryTagList.ListAsync(api, reference, pageSize: 2);

        Assert.Equal(BaseTags.Order(StringComparer.Ordinal), tags.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task No_stable_release_a_refused_login_and_an_unreachable_registry_are_one_line_each()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var baseImage = UniqueBase();
        await CopyStandInAsync(sandbox, baseImage, ["latest", "v3.2.0rc0", "v3.1.1-full"]);
        var local = new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory };

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, local, "MlflowRelease", "--mlflow-image", baseImage);
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{baseImage} has no stable vX.Y.Z tag among its 3 tags", output);
        Assert.DoesNotContain("   at ", output);

        // A wrong stored password: the registry answers 401 to it.
        var wrong = Path.Combine(sandbox.WorkDirectory, "wrong-login");
        Directory.CreateDirectory(wrong);
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TestRegistry.User}:not-the-password"));
        File.WriteAllText(Path.Combine(wrong, "config.json"), new JsonObject { ["auths"] = new JsonObject { [TestRegistry.Address] = new JsonObject { ["auth"] = auth } } }.ToJsonString());
        (exitCode, output) = await BuildProcess.RunAsync(repository.Path, new Dictionary<string, string> { ["DOCKER_CONFIG"] = wrong }, "MlflowRelease", "--mlflow-image", baseImage);
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{TestRegistry.Address} refused to list the tags of {baseImage} (401", output);
        Assert.DoesNotContain("not-the-password", output);
        Assert.DoesNotContain("   at ", output);

        // Nothing listens on port 9 of the loopback.
        (exitCode, output) = await BuildProcess.RunAsync(repository.Path, local, "MlflowRelease", "--mlflow-image", "127.0.0.1:9/nothing/mlflow");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Cannot reach the registry 127.0.0.1:9 to list the tags of 127.0.0.1:9/nothing/mlflow", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Equal("", repository.Git("status", "--porcelain"));
    }

    internal static string UniqueBase() => $"{TestRegistry.Address}/test-release-{Guid.NewGuid():N}/mlflow";

    /// <summary>PublishFixture's repository, its default pinned to v3.1.1 whatever the project's default is today.</summary>
    internal static async Task<(TemporaryGitRepository, DockerSandbox)> PrepareAsync()
    {
        var (repository, sandbox) = await PublishFixture.PrepareAsync();
        var file = Path.Combine(repository.Path, "dockerfile.mlflow");
        File.WriteAllText(file, MlflowDefaultVersion.Replace(File.ReadAllText(file), "v3.1.1"));
        repository.Git("commit", "-q", "-a", "--allow-empty", "-m", "default v3.1.1");
        return (repository, sandbox);
    }

    internal static Dictionary<string, string> Actions(TemporaryGitRepository repository, DockerSandbox sandbox, FakeGitHubApi api)
    {
        var actions = PublishFixture.Actions(repository, sandbox, api, "schedule", "refs/heads/main", new JsonObject());
        actions["GITHUB_TOKEN"] = Token;
        // The push's header is keyed by the server: the origin's, when one is set.
        if (TryConfig(repository, "remote.origin.url") is { } origin && origin.StartsWith("http", StringComparison.Ordinal))
            actions["GITHUB_SERVER_URL"] = origin[..origin.IndexOf('/', "http://".Length)];
        return actions;
    }

    static string? TryConfig(TemporaryGitRepository repository, string key)
    {
        try { return repository.Git("config", "--get", key).Trim(); }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>
    /// The shared stand-in, re-tagged into a repository of the test's own (the stand-in itself is never touched).
    /// One tag at a time: several at once into a new repository can meet registry 2.8's 500 on a concurrent HEAD.
    /// </summary>
    internal static async Task CopyStandInAsync(DockerSandbox sandbox, string image, IEnumerable<string> tags)
    {
        foreach (var tag in tags)
        {
            var create = new ImagetoolsCreateSettings([$"{TestRegistry.StandInImage}:{TestRegistry.StandInVersion}"]) { Tags = [$"{image}:{tag}"] };
            await new TransientRetry(DockerSandbox.FastRetry).RunAsync($"copying the stand-in to {image}:{tag}", () => sandbox.Docker.RunAsync(create.ToCommand()));
        }
    }

    /// <summary>A repository as origin, holding main (what actions/checkout's remote is to the push).</summary>
    internal static TemporaryGitRepository Remote(TemporaryGitRepository repository)
    {
        var remote = TemporaryGitRepository.Create(withBuildRoot: false);
        remote.Git("config", "receive.denyCurrentBranch", "ignore");
        repository.Git("remote", "add", "origin", remote.Path);
        repository.Git("push", "-q", "origin", "main");
        return remote;
    }

    internal static FakeGitHubApi PullRequestApi(out List<JsonObject> created) => PullRequestApi(out created, out _);

    /// <summary>
    /// GET/POST /repos/Owner/Repo/pulls, the created pull requests kept as state (all open); MLflow's releases
    /// (<see cref="MlflowReleaseNotesFixture"/>); and a workflow_dispatch of each workflow that checks pull requests,
    /// answered as GitHub does (204) and recorded with its workflow file.
    /// </summary>
    internal static FakeGitHubApi PullRequestApi(out List<JsonObject> created, out List<(string File, JsonObject Request)> dispatched, int dispatchStatus = 204)
    {
        var pulls = new List<JsonObject>();
        var dispatches = new List<(string File, JsonObject Request)>();
        created = pulls;
        dispatched = dispatches;
        var api = new FakeGitHubApi().Serve("/repos/mlflow/mlflow/releases", MlflowReleaseNotesFixture.Json());
        foreach (var file in global::Workflows.PullRequestChecks.Of(Build.Tests.Workflows.BuildUnderTest.Type).Dispatchable.Select(dispatch => dispatch.File))
            api.Handle("POST", $"/repos/Owner/Repo/actions/workflows/{file}/dispatches", (_, body) =>
                {
                    lock (dispatches) dispatches.Add((file, (JsonObject)JsonNode.Parse(body)!));
                    return (dispatchStatus, dispatchStatus == 204 ? "" : """{"message":"Resource not accessible by integration"}""");
                })
                // The runs a dispatch started, as GitHub lists them filtered by branch, event and commit.
                .Handle("GET", $"/repos/Owner/Repo/actions/workflows/{file}/runs", (query, _) =>
                {
                    var filter = System.Web.HttpUtility.ParseQueryString(query);
                    List<(string File, JsonObject Request)> started;
                    lock (dispatches) started = [.. dispatches.Where(d => d.File == file && d.Request["ref"]?.GetValue<string>() == filter["branch"])];
                    var runs = filter["event"] == "workflow_dispatch" && filter["head_sha"] is { Length: 40 } sha
                        ? started.Select((_, i) => (JsonNode)new JsonObject
                        {
                            ["id"] = 7000 + i, ["head_sha"] = sha, ["head_branch"] = filter["branch"], ["event"] = "workflow_dispatch",
                            ["html_url"] = $"https://github.com/Owner/Repo/actions/runs/{7000 + i}",
                        }).ToArray()
                        : [];
                    return (200, new JsonObject { ["total_count"] = runs.Length, ["workflow_runs"] = new JsonArray(runs) }.ToJsonString());
                });
        return api
            .Handle("GET", "/repos/Owner/Repo/pulls", (_, _) =>
            {
                lock (pulls) return (200, new JsonArray([.. pulls.Select((pull, i) => (JsonNode)Pull(i + 1, pull))]).ToJsonString());
            })
            .Handle("POST", "/repos/Owner/Repo/pulls", (_, body) =>
            {
                lock (pulls)
                {
                    pulls.Add((JsonObject)JsonNode.Parse(body)!);
                    return (201, Pull(pulls.Count, pulls[^1]).ToJsonString());
                }
            });
    }

    static JsonObject Pull(int number, JsonObject request) => new()
    {
        ["number"] = number, ["state"] = "open", ["title"] = request["title"]?.GetValue<string>(),
        ["html_url"] = $"https://github.com/Owner/Repo/pull/{number}",
        ["head"] = new JsonObject { ["ref"] = request["head"]?.GetValue<string>(), ["label"] = "Owner:" + request["head"]?.GetValue<string>() },
        ["base"] = new JsonObject { ["ref"] = request["base"]?.GetValue<string>() },
    };
}
