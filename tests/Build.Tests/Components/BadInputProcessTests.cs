using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Build.Tests.Git;
using Tooling;

namespace Build.Tests.Components;

/// <summary>
/// Bad input and a broken machine end the build with one line and a non-zero exit, never a stack trace, and
/// before any login: each case runs the compiled build as a process against a fresh repository.
/// </summary>
public class BadInputProcessTests
{
    /// <summary>One bad input: how to set it up (given the repository and a scratch folder), the arguments, the line expected.</summary>
    public sealed record Case(string Name, Func<string, string, Dictionary<string, string>> Setup, string[] Args, string Expected)
    {
        public override string ToString() => Name;
    }

    internal static readonly string[] Push = ["Publish", "--push", "--registry", "127.0.0.1:9", "--image-name", "x/mlflow", "--registry-username", "someone"];
    static readonly string LongText = new('a', 10_000);

    public static TheoryData<Case> Cases => new()
    {
        new("malformed config.json", (_, scratch) => DockerConfig(scratch, "{\"auths\": {"), Push, "is not valid JSON"),
        new("bad base64 auth", (_, scratch) => DockerConfig(scratch, "{\"auths\": {\"127.0.0.1:9\": {\"auth\": \"%%not-base64%%\"}}}"),
            ["Login", "--push", "--registry", "127.0.0.1:9", "--image-name", "x/mlflow"], "is not valid base64"),
        new("TMPDIR missing", (_, scratch) => new() { ["TMPDIR"] = Path.Combine(scratch, "no-such-dir") + "/" }, Push, "Cannot create this run's temporary folder"),
        // The tests run as root, for whom no permission bit stops a write: a file in the way does.
        new("TMPDIR unwritable", (_, scratch) => new() { ["TMPDIR"] = AFile(scratch) + "/" }, Push, "Cannot create this run's temporary folder"),
        new(".nuke/temp is a file", (repository, _) => { File.WriteAllText(Path.Combine(repository, ".nuke", "temp"), "not a folder"); return new(); },
            ["Tag", "--skip"], "File system:"),
        new("GITHUB_OUTPUT unwritable", (repository, scratch) => Actions(repository, scratch, new JsonObject(), scratch), ["Tag", "--skip"], "File system:"),
        new("GITHUB_OUTPUT full", (repository, scratch) => Actions(repository, scratch, new JsonObject(), "/dev/full"), ["Tag", "--skip"], "File system:"),
        new("--platforms of 10,000 characters", (_, _) => new(), ["DockerBuildx", "--platforms", LongText], "is not a platform such as linux/amd64"),
        new("--registry ''", (_, _) => new(), ["Publish", "--push", "--registry", "", "--image-name", "x/mlflow", "--registry-username", "someone"], "--registry is empty"),
        new("--registry without a dot or port", (_, _) => new(), ["Publish", "--push", "--registry", "myhost", "--image-name", "x/mlflow", "--registry-username", "someone"],
            "docker would read it as a Docker Hub namespace"),
        new("--image-name with a space", (_, _) => new(), ["Publish", "--push", "--registry", "127.0.0.1:9", "--image-name", "x/my image", "--registry-username", "someone"],
            "is not a repository path docker accepts"),
        new("payload full_name: 123", (repository, scratch) => Actions(repository, scratch, PullRequest(new JsonObject { ["full_name"] = 123 })), ["Login"],
            "pull_request.head.repo.full_name is not a string"),
        new("payload pull_request: \"oops\"", (repository, scratch) => Actions(repository, scratch, new JsonObject { ["pull_request"] = "oops" }), ["Login"],
            "\"pull_request\" is not an object"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Ends_with_one_line_and_a_non_zero_exit(Case bad)
    {
        using var repository = RepositoryWithDockerfile();
        var scratch = Directory.CreateTempSubdirectory("bad-input-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "unused-password", ["DOCKER_CONFIG"] = Path.Combine(scratch, "docker") };
            foreach (var (name, value) in bad.Setup(repository.Path, scratch)) environment[name] = value;

            var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, bad.Args);

            AssertOneLineFailure(exitCode, output, bad.Expected);
            Assert.DoesNotContain("> docker login", output);
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public async Task A_root_that_does_not_exist_is_refused_and_not_created()
    {
        using var repository = TemporaryGitRepository.Create();
        repository.Commit("first");
        var missing = Path.Combine(repository.Path, "no", "such", "root");
        foreach (var root in new[] { missing, LongText })
        {
            var (exitCode, output) = await RunAsync(repository.Path, ["Tag", "--root", root, "--no-logo"]);
            AssertOneLineFailure(exitCode, output, "is not an existing directory");
        }
        Assert.False(Directory.Exists(Path.Combine(repository.Path, "no")));
    }

    /// <summary>
    /// A repository with the image's Dockerfile committed: it holds the default MLflow version, without which that
    /// would be the first complaint.
    /// </summary>
    internal static TemporaryGitRepository RepositoryWithDockerfile()
    {
        var repository = TemporaryGitRepository.Create();
        File.Copy(Path.Combine(Support.Repo.Root, "dockerfile.mlflow"), Path.Combine(repository.Path, "dockerfile.mlflow"));
        repository.Commit("first");
        return repository;
    }

    /// <summary>Failed, said why in an error line, and printed no stack trace or exception name.</summary>
    internal static void AssertOneLineFailure(int exitCode, string output, string expected)
    {
        Assert.True(exitCode != 0, output);
        Assert.Contains(output.Split('\n'), line => line.Contains("[ERR]") && line.Contains(expected));
        Assert.DoesNotMatch(new Regex(@"^\s+at \S+", RegexOptions.Multiline), output);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotContain("a bug, not a usage error", output);
    }

    static Dictionary<string, string> DockerConfig(string scratch, string content)
    {
        var directory = Path.Combine(scratch, "docker");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.json"), content);
        return new() { ["DOCKER_CONFIG"] = directory };
    }

    static string AFile(string scratch)
    {
        var file = Path.Combine(scratch, "a-file");
        File.WriteAllText(file, "in the way");
        return file;
    }

    static JsonObject PullRequest(JsonObject headRepository) => new()
    {
        ["number"] = 7,
        ["pull_request"] = new JsonObject
        {
            ["number"] = 7,
            ["head"] = new JsonObject { ["ref"] = "feature", ["repo"] = headRepository },
            ["base"] = new JsonObject { ["ref"] = "main", ["repo"] = new JsonObject { ["full_name"] = "Owner/Repo" } },
        },
    };

    /// <summary>A GitHub Actions run of Owner/Repo at the repository's HEAD; the API is out of reach (port 9).</summary>
    internal static Dictionary<string, string> Actions(string repository, string scratch, JsonObject payload, string? output = null)
    {
        var eventPath = Path.Combine(scratch, "event.json");
        File.WriteAllText(eventPath, payload.ToJsonString());
        var sha = TemporaryGitRepository.RunGit(repository, ["rev-parse", "HEAD"]).Trim();
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = payload["pull_request"] is null ? "push" : "pull_request", ["GITHUB_EVENT_PATH"] = eventPath,
            ["GITHUB_SHA"] = sha, ["GITHUB_REF"] = payload["pull_request"] is null ? "refs/heads/main" : "refs/pull/7/merge",
            ["GITHUB_REPOSITORY"] = "Owner/Repo", ["GITHUB_ACTOR"] = "pusher", ["GITHUB_API_URL"] = "http://127.0.0.1:9", ["GITHUB_TOKEN"] = "token",
        };
        if (output is not null) environment["GITHUB_OUTPUT"] = output;
        return environment;
    }

    /// <summary>The build as a process in <paramref name="directory"/> with exactly <paramref name="args"/> (no --root added).</summary>
    static async Task<(int ExitCode, string Output)> RunAsync(string directory, string[] args)
    {
        var variables = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("GITHUB_", StringComparison.Ordinal)).ToDictionary(name => name, string? (_) => null);
        var command = new ToolCommand("dotnet", [Path.Combine(AppContext.BaseDirectory, "_build.dll"), .. args]) { WorkingDirectory = directory, Environment = variables };
        var result = await ToolRunner.RunAsync(command, echoOutput: false);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
