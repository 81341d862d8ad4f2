using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Build.Tests.Git;

using static Build.Tests.Components.BadInputProcessTests;

namespace Build.Tests.Components;

/// <summary>
/// DockerBuildx asks docker about the builder, and Merge opens its registry connection, while Tag and Login run.
/// When Login fails first (here: no password), none of that may outlive the build or hold it open: the compiled
/// build as a process, with a stand-in `docker` on PATH.
/// </summary>
public sealed class EarlyWorkProcessTests : IDisposable
{
    readonly TemporaryGitRepository repository = RepositoryWithDockerfile();
    readonly string scratch = Directory.CreateTempSubdirectory("early-work-").FullName;

    public void Dispose()
    {
        // Throws if a command the build started is still writing here.
        Directory.Delete(scratch, true);
        repository.Dispose();
    }

    string DockerConfig => Path.Combine(scratch, "docker");

    /// <summary>The environment of a run whose `docker` is <paramref name="script"/> and that has no registry password.</summary>
    Dictionary<string, string> WithDocker(string script)
    {
        var bin = Path.Combine(scratch, "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "docker"), "#!/bin/sh\n" + script);
        File.SetUnixFileMode(Path.Combine(bin, "docker"), (UnixFileMode)0b111_101_101);
        return new() { ["DOCKER_CONFIG"] = DockerConfig, ["PATH"] = $"{bin}:/usr/bin:/bin" };
    }

    [Fact]
    public async Task A_failed_run_waits_for_the_docker_commands_it_started_early()
    {
        // A docker that answers late (as a busy daemon does) writes into DOCKER_CONFIG/buildx, the folder a caller
        // deletes once the build has ended: it must have finished before the build exits.
        var environment = WithDocker("sleep 1\nmkdir -p \"$DOCKER_CONFIG/buildx\"\necho \"$1 $2\" >> \"$DOCKER_CONFIG/buildx/answered\"\nexit 1\n");

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, Push);

        AssertOneLineFailure(exitCode, output, "No password for 127.0.0.1:9");
        var answered = File.ReadAllLines(Path.Combine(DockerConfig, "buildx", "answered"));
        Assert.Equal(["buildx inspect", "version --format"], answered.Order());
    }

    [Fact]
    public async Task A_signal_while_a_failed_run_waits_for_a_hung_docker_stops_it_and_exits_130()
    {
        // A docker that never answers (a hung daemon): it notes its process id, then becomes a long sleep.
        var pids = Path.Combine(scratch, "pids");
        var environment = WithDocker($"echo $$ >> {pids}\nexec sleep 120\n");
        // env resets SIGINT: a test run started in the background (bash '&') inherits it ignored.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "_build.dll"), .. Push,
            "--root", repository.Path, "--no-logo"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("GITHUB_", StringComparison.Ordinal)))
            start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["NUKE_SKIP"] = "SmokeTest";
        start.Environment.Remove("REGISTRY_PASSWORD");

        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        _ = build.StandardError.ReadToEndAsync();
        // Both probes have started; Login fails at once and the run then waits for them.
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

    [Fact]
    public async Task A_registry_that_never_answers_does_not_hold_a_failed_run_open()
    {
        // Merge's early connection is HTTP in the build's process, which ends with it: the run must not wait out
        // the registry's 30 s timeout. The docker answers at once: only the registry is slow.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var registry = $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        var environment = WithDocker("exit 1\n");

        var watch = Stopwatch.StartNew();
        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment,
            ["Publish", "--push", "--registry", registry, "--image-name", "x/mlflow", "--registry-username", "someone"]);

        AssertOneLineFailure(exitCode, output, $"No password for {registry}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the failed run took {watch.Elapsed.TotalSeconds:0} s");
    }
}
