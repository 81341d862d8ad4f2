using System.Diagnostics;
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

    static readonly string[] Push = ["Publish", "--push", "--registry", "127.0.0.1:9", "--image-name", "x/mlflow", "--registry-username", "someone"];
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
        using var repository = TemporaryGitRepository.Create();
        // The image's Dockerfile, which holds the default MLflow version: without it that would be the first complaint.
        File.Copy(Path.Combine(Support.Repo.Root, "dockerfile.mlflow"), Path.Combine(repository.Path, "dockerfile.mlflow"));
        repository.Commit("first");
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
    public async Task A_run_that_fails_before_buildx_runs_waits_for_the_docker_commands_it_started_early()
    {
        // DockerBuildx asks docker about the builder while Login runs; Login fails. A docker that answers late (as a
        // busy daemon does) must have finished before the build exits: it writes into DOCKER_CONFIG/buildx, the
        // folder a caller deletes once the build has ended.
        using var repository = TemporaryGitRepository.Create();
        File.Copy(Path.Combine(Support.Repo.Root, "dockerfile.mlflow"), Path.Combine(repository.Path, "dockerfile.mlflow"));
        repository.Commit("first");
        var scratch = Directory.CreateTempSubdirectory("bad-input-").FullName;
        try
        {
            var bin = Path.Combine(scratch, "bin");
            Directory.CreateDirectory(bin);
            File.WriteAllText(Path.Combine(bin, "docker"),
                "#!/bin/sh\nsleep 1\nmkdir -p \"$DOCKER_CONFIG/buildx\"\necho \"$1 $2\" >> \"$DOCKER_CONFIG/buildx/answered\"\nexit 1\n");
            File.SetUnixFileMode(Path.Combine(bin, "docker"), (UnixFileMode)0b111_101_101);
            // No password: Login fails.
            var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = Path.Combine(scratch, "docker"), ["PATH"] = $"{bin}:/usr/bin:/bin" };

            var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, Push);

            AssertOneLineFailure(exitCode, output, "No password for 127.0.0.1:9");
            var answered = File.ReadAllLines(Path.Combine(scratch, "docker", "buildx", "answered"));
            Assert.Equal(["buildx inspect", "version --format"], answered.Order());
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public async Task A_signal_while_a_failed_run_waits_for_a_hung_docker_stops_it_and_exits_130()
    {
        using var repository = TemporaryGitRepository.Create();
        File.Copy(Path.Combine(Support.Repo.Root, "dockerfile.mlflow"), Path.Combine(repository.Path, "dockerfile.mlflow"));
        repository.Commit("first");
        var scratch = Directory.CreateTempSubdirectory("bad-input-").FullName;
        try
        {
            // A docker that never answers (a hung daemon): it notes its process id, then becomes a long sleep.
            var bin = Path.Combine(scratch, "bin");
            Directory.CreateDirectory(bin);
            var pids = Path.Combine(scratch, "pids");
            File.WriteAllText(Path.Combine(bin, "docker"), $"#!/bin/sh\necho $$ >> {pids}\nexec sleep 120\n");
            File.SetUnixFileMode(Path.Combine(bin, "docker"), (UnixFileMode)0b111_101_101);
            // env resets SIGINT: a test run started in the background (bash '&') inherits it ignored.
            var start = new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "_build.dll"), .. Push,
                "--root", repository.Path, "--no-logo"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("GITHUB_", StringComparison.Ordinal)))
                start.Environment.Remove(name);
            start.Environment["DOCKER_CONFIG"] = Path.Combine(scratch, "docker");
            start.Environment["PATH"] = $"{bin}:/usr/bin:/bin";
            start.Environment["NUKE_SKIP"] = "SmokeTest";
            start.Environment.Remove("REGISTRY_PASSWORD");

            using var build = Process.Start(start)!;
            var output = build.StandardOutput.ReadToEndAsync();
            _ = build.StandardError.ReadToEndAsync();
            // Both probes have started; Login fails at once (no password) and the run then waits for them.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!(File.Exists(pids) && File.ReadAllLines(pids).Length == 2) && DateTime.UtcNow < deadline) await Task.Delay(50);
            await Task.Delay(2000);
            Assert.False(build.HasExited, "the build did not wait for what it started early");
            Process.Start("kill", ["-INT", build.Id.ToString()])!.WaitForExit();
            Assert.True(build.WaitForExit(15_000), "the build did not end after SIGINT");

            Assert.Equal(130, build.ExitCode);
            Assert.Contains("Interrupted by SIGINT", await output);
            Assert.Contains("No password for 127.0.0.1:9", await output);
            await Task.Delay(500);
            Assert.All(File.ReadAllLines(pids), pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"docker (pid {pid}) is still running"));
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public async Task A_registry_that_never_answers_does_not_hold_a_failed_run_open()
    {
        // Merge opens its registry connection early; Login fails. That HTTP request ends with the process: the run
        // must not wait out the registry's 30 s timeout.
        using var repository = TemporaryGitRepository.Create();
        File.Copy(Path.Combine(Support.Repo.Root, "dockerfile.mlflow"), Path.Combine(repository.Path, "dockerfile.mlflow"));
        repository.Commit("first");
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var registry = $"127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}";
        var scratch = Directory.CreateTempSubdirectory("bad-input-").FullName;
        try
        {
            // A docker that answers at once: only the registry is slow.
            var bin = Path.Combine(scratch, "bin");
            Directory.CreateDirectory(bin);
            File.WriteAllText(Path.Combine(bin, "docker"), "#!/bin/sh\nexit 1\n");
            File.SetUnixFileMode(Path.Combine(bin, "docker"), (UnixFileMode)0b111_101_101);
            var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = Path.Combine(scratch, "docker"), ["PATH"] = $"{bin}:/usr/bin:/bin" };
            var watch = Stopwatch.StartNew();
            var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment,
                ["Publish", "--push", "--registry", registry, "--image-name", "x/mlflow", "--registry-username", "someone"]);

            AssertOneLineFailure(exitCode, output, $"No password for {registry}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the failed run took {watch.Elapsed.TotalSeconds:0} s");
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

    /// <summary>Failed, said why in an error line, and printed no stack trace or exception name.</summary>
    static void AssertOneLineFailure(int exitCode, string output, string expected)
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
