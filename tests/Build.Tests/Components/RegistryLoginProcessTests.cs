using System.Text.Json.Nodes;
using Build.Tests.Docker;
using Build.Tests.GitHub;
using Build.Tests.Registry;
using Build.Tests.Support;
using Tooling;

using static Build.Tests.Components.PublishFixture;

namespace Build.Tests.Components;

/// <summary>
/// The registry login as the build makes it: in a docker config of the run's own, so the user's logins (in a
/// credential helper too) are never touched; every line of a secret masked; no login for a fork.
/// </summary>
public class RegistryLoginProcessTests
{
    [SkippableFact]
    public async Task A_login_held_by_a_credential_helper_survives_a_push_and_nothing_is_left_in_TMPDIR()
    {
        Need.Registry();
        using var own = new OwnRegistry("pusher", "pass-" + Guid.NewGuid().ToString("N")[..8]);
        using var helper = new CredentialHelper();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var path = helper.SearchPath;
        // The user's logins, made by docker through the helper: the pushed-to registry and the base's.
        foreach (var (registry, user, password) in new[] { (own.Address, own.User, own.Password), (TestRegistry.Address, TestRegistry.User, TestRegistry.Password) })
        {
            var login = await ToolRunner.RunAsync(new ToolCommand("docker", ["login", registry, "--username", user, "--password-stdin"])
                { StandardInput = password, Environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = helper.ConfigDirectory, ["PATH"] = path } }, echoOutput: false);
            Assert.True(login.Succeeded, login.StandardError);
        }
        var configBefore = File.ReadAllText(Path.Combine(helper.ConfigDirectory, "config.json"));
        var loginsBefore = helper.Logins();
        Assert.Equal(2, loginsBefore.Count);
        var temporary = Directory.CreateTempSubdirectory("tmpdir-").FullName;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["DOCKER_CONFIG"] = helper.ConfigDirectory, ["PATH"] = path, ["TMPDIR"] = temporary, ["REGISTRY_PASSWORD"] = own.Password,
            };
            var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment,
                ["Publish", "--push", "--registry", own.Address, "--image-name", "x/mlflow", "--registry-username", "pusher", "--platforms", "linux/amd64", .. StandIn]);

            Assert.True(exitCode == 0, output);
            Assert.Contains("Logging in with a docker config of this run's own", output);
            Assert.Contains("main", await own.Reader.TagsAsync("x/mlflow"));
            Assert.Equal(configBefore, File.ReadAllText(Path.Combine(helper.ConfigDirectory, "config.json")));
            Assert.Equal(loginsBefore, helper.Logins());
            Assert.Empty(Directory.EnumerateFileSystemEntries(temporary));
        }
        finally
        {
            Directory.Delete(temporary, true);
        }
    }

    [SkippableFact]
    public async Task Locally_the_registry_user_comes_from_the_docker_configs_login()
    {
        Need.Registry();
        using var helper = new CredentialHelper();
        using var repository = Git.TemporaryGitRepository.Create();
        repository.Commit("first");
        var login = await ToolRunner.RunAsync(new ToolCommand("docker", ["login", TestRegistry.Address, "--username", TestRegistry.User, "--password-stdin"])
            { StandardInput = TestRegistry.Password, Environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = helper.ConfigDirectory, ["PATH"] = helper.SearchPath } }, echoOutput: false);
        Assert.True(login.Succeeded, login.StandardError);
        var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = helper.ConfigDirectory, ["PATH"] = helper.SearchPath, ["REGISTRY_PASSWORD"] = "given" };

        var (_, known) = await BuildProcess.RunAsync(repository.Path, environment, ["Login", "--dry-run", "--push", "--registry", TestRegistry.Address, "--image-name", "x/mlflow"]);
        Assert.Contains($"docker login {TestRegistry.Address} --username {TestRegistry.User} --password-stdin", known);

        var (exitCode, unknown) = await BuildProcess.RunAsync(repository.Path, environment, ["Login", "--push", "--registry", "127.0.0.1:9", "--image-name", "x/mlflow"]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("No registry user: your docker config holds no login for 127.0.0.1:9; pass --registry-username", unknown);
        Assert.DoesNotContain("> docker login", unknown);
    }

    [SkippableFact]
    public async Task Every_line_of_a_multi_line_password_is_masked_and_the_push_still_works()
    {
        Need.Registry();
        var first = "first-" + Guid.NewGuid().ToString("N")[..12];
        var second = "second%" + Guid.NewGuid().ToString("N")[..12];
        using var own = new OwnRegistry("pusher", first + "\n" + second);
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        using var api = new FakeGitHubApi();
        var environment = Actions(repository, sandbox, api, "push", "refs/heads/main", new JsonObject());
        environment["GITHUB_TOKEN"] = own.Password;

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment,
            ["Publish", "--registry", own.Address, "--platforms", "linux/amd64", .. StandIn]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("latest", await own.Reader.TagsAsync("owner/repo/mlflow"));
        // The only lines either part of the password is on: the ones telling the runner to mask it (escaped as the toolkit does).
        var secretLines = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(first) || l.Contains(second[7..])).ToList();
        Assert.Equal([$"::add-mask::{first}", $"::add-mask::{second.Replace("%", "%25")}"], secretLines);
    }

    [Theory]
    [InlineData("null head.repo (deleted fork)", "null")]
    [InlineData("no head.repo", "missing")]
    [InlineData("head.repo not an object", "\"someone/fork\"")]
    [InlineData("head.repo without full_name", "{}")]
    [InlineData("a fork", "{\"full_name\": \"someone/fork\"}")]
    public async Task A_pull_request_not_positively_from_this_repository_never_logs_in(string what, string headRepository)
    {
        using var repository = Git.TemporaryGitRepository.Create();
        repository.Commit("first");
        var scratch = Directory.CreateTempSubdirectory("fork-").FullName;
        try
        {
            var head = new JsonObject { ["ref"] = "feature" };
            if (headRepository != "missing") head["repo"] = JsonNode.Parse(headRepository);
            var payload = new JsonObject
            {
                ["number"] = 7,
                ["pull_request"] = new JsonObject { ["number"] = 7, ["head"] = head, ["base"] = new JsonObject { ["repo"] = new JsonObject { ["full_name"] = "Owner/Repo" } } },
            };
            var environment = BadInputProcessTests.Actions(repository.Path, scratch, payload);
            environment["DOCKER_CONFIG"] = Path.Combine(scratch, "docker");

            var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, ["Login", "--registry", "127.0.0.1:9"]);

            Assert.True(exitCode == 0, what + "\n" + output);
            // Nothing is pushed, so Login is skipped (DockerBuildx and Summary say why).
            Assert.Matches(@"Login\s+Skipped", output);
            Assert.DoesNotContain("> docker login", output);
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public async Task A_newline_in_GITHUB_REF_or_a_parameter_starts_no_workflow_command()
    {
        using var repository = Git.TemporaryGitRepository.Create();
        repository.Commit("first");
        var scratch = Directory.CreateTempSubdirectory("injection-").FullName;
        try
        {
            var environment = BadInputProcessTests.Actions(repository.Path, scratch, new JsonObject());
            environment["GITHUB_REF"] = "refs/heads/main\n::error::injected by the ref";
            environment["DOCKER_CONFIG"] = Path.Combine(scratch, "docker");

            var (_, output) = await BuildProcess.RunAsync(repository.Path, environment,
                ["Checkout", "Login", "--dry-run", "--push", "--registry", "127.0.0.1:9", "--registry-username", "me\n::error::injected by a parameter\n##[error]legacy"]);

            Assert.Contains("injected by the ref", output);
            Assert.Contains("injected by a parameter", output);
            Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("::error::injected", StringComparison.Ordinal));
            Assert.DoesNotContain("##[error]", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }
}
