using Build.Tests.Components;
using Build.Tests.Git;
using Build.Tests.GitHub;
using Build.Tests.Support;
using static Build.Tests.Mlflow.MlflowReleaseProcessTests;

namespace Build.Tests.Mlflow;

/// <summary>
/// ./build.sh MlflowRelease --update on Actions, v3.1.1 → v3.3.0, against the fake GitHub API: the pull request body
/// opens with what MLflow's notes say about the database, and the checks GitHub will not start are started by hand.
/// </summary>
public class MlflowReleaseChecksProcessTests
{
    const string OwnToken = "ghp_own_release_sentinel_token";

    [SkippableFact]
    public async Task The_pull_request_carries_the_release_notes_migration_first_and_its_checks_are_started_on_its_branch()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var disposeRepository = repository;
        using var disposeSandbox = sandbox;
        var baseImage = UniqueBase();
        await CopyStandInAsync(sandbox, baseImage, [.. BaseTags, "v3.3.0"]);
        using var remote = Remote(repository);
        using var gitServer = new GitHttpServer(remote.Path, Token);
        repository.Git("remote", "set-url", "origin", $"{gitServer.Url}/.git");

        // GITHUB_TOKEN without actions: write: the dispatch is refused, so no pull request opens (the next run retries).
        using (var refusing = PullRequestApi(out var none, out _, dispatchStatus: 403))
        {
            var (code, log) = await BuildProcess.RunAsync(repository.Path, Actions(repository, sandbox, refusing), "MlflowRelease", "--mlflow-image", baseImage, "--update");
            Assert.NotEqual(0, code);
            Assert.Contains("Could not start mlflow-image-publish.yml on mlflow-release/v3.3.0 of Owner/Repo", log);
            Assert.Contains("actions: write", log);
            Assert.DoesNotContain("   at ", log);
            Assert.Empty(none);
            repository.Git("checkout", "-q", "-f", "main");
        }

        using var api = PullRequestApi(out var created, out var dispatched);
        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Actions(repository, sandbox, api), "MlflowRelease", "--mlflow-image", baseImage, "--update");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Token: GITHUB_TOKEN, whose pull request starts no workflow", output);
        Assert.Contains("Started mlflow-image-publish.yml on mlflow-release/v3.3.0 (push: false)", output);

        // The dispatch: the publish workflow, on the pull request's branch, building without pushing.
        var publish = Assert.Single(dispatched, dispatch => dispatch.File == "mlflow-image-publish.yml");
        Assert.Equal("mlflow-release/v3.3.0", publish.Request["ref"]!.GetValue<string>());
        Assert.Equal("false", publish.Request["inputs"]!["push"]!.GetValue<string>());
        Assert.True(api.Requests.ToList().FindIndex(path => path.EndsWith("/dispatches", StringComparison.Ordinal))
                    < api.Requests.ToList().FindLastIndex(path => path == "/repos/Owner/Repo/pulls"), "the checks start before the pull request opens");

        // The body: the migration line first, then the change, the checks, the upgrade steps and every release's notes.
        var body = Assert.Single(created)["body"]!.GetValue<string>();
        var firstItem = body.Split('\n').First(line => line.StartsWith("> - ", StringComparison.Ordinal));
        Assert.StartsWith("> - **3.3.0** (database migration): [Tracking] Assessment sources move to a table of their own", firstItem);
        Assert.Contains("`mlflow db upgrade <backend-store-uri>`", firstItem);
        Assert.True(body.IndexOf(firstItem, StringComparison.Ordinal) < body.IndexOf("MLflow 3.3.0 is out", StringComparison.Ordinal));
        Assert.Contains("(breaking change): [Tracking] `log_model` no longer takes `artifact_path`", body);
        foreach (var version in new[] { "3.2.0", "3.2.1", "3.3.0" }) Assert.Contains($"<details><summary>MLflow {version} ", body);
        Assert.DoesNotContain("3.4.0rc0", body);
        Assert.DoesNotContain("MLflow 3.1.1 ", body);
        Assert.DoesNotContain("draft", body);
        // The run the dispatch started, found by the pushed commit: GET .../runs?branch=...&event=workflow_dispatch&head_sha=<the branch's commit>.
        Assert.Contains("- [mlflow-image-publish.yml](https://github.com/Owner/Repo/actions/runs/7000) with `push: false`", body);
        Assert.Contains($"mlflow-image-publish.yml: https://github.com/Owner/Repo/actions/runs/7000", output);
        Assert.Contains(remote.Git("rev-parse", "mlflow-release/v3.3.0").Trim(), string.Join('\n', api.Queries));
        Assert.Contains("`mlflow db upgrade <backend-store-uri>` once, from the new image", body);
        Assert.DoesNotContain("@erin-example", body, StringComparison.Ordinal); // defused: the pull request notifies nobody upstream
        Assert.DoesNotContain(Token, output);

        // With an app or personal token in RELEASE_TOKEN: it does everything, GitHub runs the checks, nothing is dispatched.
        repository.Git("checkout", "-q", "main");
        using var ownServer = new GitHttpServer(remote.Path, OwnToken);
        repository.Git("remote", "set-url", "origin", $"{ownServer.Url}/.git");
        using var ownApi = PullRequestApi(out var ownCreated, out var ownDispatched);
        var environment = Actions(repository, sandbox, ownApi);
        environment["ReleaseToken"] = OwnToken;
        (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, "MlflowRelease", "--mlflow-image", baseImage, "--update");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Token: RELEASE_TOKEN (an app or personal access token): GitHub runs the pull request's own workflows.", output);
        Assert.Empty(ownDispatched);
        Assert.Contains("Opened with the token in the `RELEASE_TOKEN` secret", Assert.Single(ownCreated)["body"]!.GetValue<string>());
        Assert.All(ownApi.Authorizations, authorization => Assert.Contains(OwnToken, authorization));
        Assert.NotEmpty(ownServer.Authorizations);
        Assert.DoesNotContain(OwnToken, output);
    }
}
