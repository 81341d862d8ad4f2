using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Build.Tests.GitHub;
using Build.Tests.Git;
using Build.Tests.Registry;
using Build.Tests.Support;

using static Build.Tests.Components.PublishFixture;

namespace Build.Tests.Components;

/// <summary>
/// Publish as GitHub Actions runs it (GITHUB_* variables, an event payload, GitHub's API faked), and the
/// logout that follows a failure.
/// </summary>
public class DockerTargetsOnActionsTests
{
    [SkippableFact]
    public async Task A_push_event_logs_in_as_the_actor_with_GITHUB_TOKEN_masked_and_pushes()
    {
        Need.Registry();
        var token = "ghs_sentinel" + Guid.NewGuid().ToString("N");
        using var own = new OwnRegistry("pusher", token);
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        using var api = new FakeGitHubApi();
        var environment = Actions(repository, sandbox, api, "push", "refs/heads/main", new JsonObject());
        environment["GITHUB_TOKEN"] = token;

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment,
            ["Publish", "--registry", own.Address, "--platforms", "linux/amd64", .. StandIn]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("GitHub Actions 'push' event: the image is pushed.", output);
        Assert.Contains($"> docker login {own.Address} --username pusher --password-stdin", output);
        // The one place the token may appear: the line that tells the runner to mask it.
        Assert.Equal([$"::add-mask::{token}"], output.Split('\n').Where(l => l.Contains(token)).Select(l => l.Trim()));
        Assert.Contains("latest", await own.Reader.TagsAsync("owner/repo/mlflow"));
        Assert.Contains("The docker driver cannot push by digest", output);
        Assert.DoesNotContain($"staging-{environment["GITHUB_RUN_ID"]}-1-linux-amd64", await own.Reader.TagsAsync("owner/repo/mlflow"));
    }

    [SkippableFact]
    public async Task A_fork_pull_request_builds_both_platforms_without_logging_in_or_pushing()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        using var api = new FakeGitHubApi();
        var payload = new JsonObject
        {
            ["number"] = 7,
            ["pull_request"] = new JsonObject
            {
                ["number"] = 7,
                ["head"] = new JsonObject { ["ref"] = "feature", ["sha"] = repository.Sha(), ["repo"] = new JsonObject { ["full_name"] = "someone/fork" } },
                ["base"] = new JsonObject { ["ref"] = "main", ["repo"] = new JsonObject { ["full_name"] = "Owner/Repo" } },
            },
        };
        var environment = Actions(repository, sandbox, api, "pull_request", "refs/pull/7/merge", payload);
        environment["GITHUB_TOKEN"] = "read-only-token";

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, ["Publish", "--registry", TestRegistry.Address, .. StandIn]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Pull request from a fork: its GITHUB_TOKEN is read-only, so the image is built but not pushed.", output);
        Assert.DoesNotContain("> docker login", output);
        Assert.DoesNotContain("--push", output);
        Assert.Contains("--platform linux/amd64,linux/arm64", output);
        Assert.Matches(@"Merge\s+Skipped", output);
        Assert.True(File.Exists(Path.Combine(repository.Path, "artifacts", "mlflow.oci.tar")), output);
    }

    [SkippableFact]
    public async Task After_a_failed_build_the_login_is_still_removed_unless_kept()
    {
        Need.Registry();
        using var own = new OwnRegistry("pusher", "pass-" + Guid.NewGuid().ToString("N")[..8]);
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory, ["REGISTRY_PASSWORD"] = own.Password };
        string[] failing = ["Publish", "--push", "--registry", own.Address, "--image-name", "x/mlflow", "--registry-username", "pusher",
                            "--mlflow-image", TestRegistry.StandInImage, "--mlflow-version", "v0.0.0-no-such-tag"];
        var config = Path.Combine(sandbox.ConfigDirectory, "config.json");

        var (failed, output) = await BuildProcess.RunAsync(repository.Path, environment, failing);
        Assert.NotEqual(0, failed);
        Assert.Matches(@"DockerBuildx\s+Failed", output);
        Assert.Matches(@"Logout\s+Succeeded", output);
        Assert.DoesNotContain(own.Address, File.ReadAllText(config));

        var (keptExit, kept) = await BuildProcess.RunAsync(repository.Path, environment, [.. failing, "--keep-login"]);
        Assert.NotEqual(0, keptExit);
        Assert.Matches(@"Logout\s+Skipped", kept);
        Assert.Contains(own.Address, File.ReadAllText(config));
    }

    [SkippableFact]
    public async Task A_login_the_user_already_had_is_kept_after_the_build()
    {
        Need.Registry();
        using var own = new OwnRegistry("pusher", "pass-" + Guid.NewGuid().ToString("N")[..8]);
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        await sandbox.LoginAsync(own.Address, own.User, own.Password);
        var config = Path.Combine(sandbox.ConfigDirectory, "config.json");
        var before = File.ReadAllText(config);
        var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory, ["REGISTRY_PASSWORD"] = own.Password };

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment,
            ["Publish", "--push", "--registry", own.Address, "--image-name", "x/mlflow", "--registry-username", "pusher",
             "--mlflow-image", TestRegistry.StandInImage, "--mlflow-version", "v0.0.0-no-such-tag"]);

        Assert.NotEqual(0, exitCode);
        // The build logged in to a docker config of its own and removed that; the user's config was never written.
        Assert.Contains("Logging in with a docker config of this run's own", output);
        Assert.Matches(@"Logout\s+Succeeded", output);
        Assert.Equal(before, File.ReadAllText(config));
    }
}
