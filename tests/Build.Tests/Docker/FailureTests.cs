using System.Diagnostics;
using Build.Tests.Registry;
using Build.Tests.Support;
using Docker;

namespace Build.Tests.Docker;

/// <summary>Wrong password, stopped registry, missing daemon: each one clear line; and the password never in argv.</summary>
public class FailureTests
{
    [SkippableFact]
    public async Task A_wrong_password_ends_in_one_line_after_one_attempt()
    {
        Need.Registry();
        using var sandbox = new DockerSandbox();
        var error = await Assert.ThrowsAsync<BuildError>(() => sandbox.LoginAsync(TestRegistry.Address, TestRegistry.User, "wrong-password"));
        Assert.Contains("refused", error.Message);
        Assert.Contains("401 Unauthorized", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Single(sandbox.Docker.Commands);
    }

    [SkippableFact]
    public async Task A_stopped_registry_ends_in_one_line_after_bounded_retries()
    {
        Need.Registry();
        using var own = new OwnRegistry("own", "pass");
        own.Stop();
        using var sandbox = new DockerSandbox();
        var error = await Assert.ThrowsAsync<BuildError>(() => sandbox.LoginAsync(own.Address, own.User, own.Password));
        Assert.Contains("transient", error.Message);
        Assert.Contains("connection refused", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(DockerSandbox.FastRetry.MaxAttempts, sandbox.Docker.Commands.Count);
    }

    [SkippableFact]
    public async Task A_missing_daemon_ends_in_one_line_with_the_remedy()
    {
        Need.Docker();
        using var sandbox = new DockerSandbox(new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///tmp/no-such-docker.sock" });
        var error = await Assert.ThrowsAsync<BuildError>(() => BuilderProbe.ProbeAsync(sandbox.Docker, null, ["linux/amd64"], onGitHubActions: false));
        Assert.StartsWith("The Docker daemon is not reachable (Cannot connect to the Docker daemon at unix:///tmp/no-such-docker.sock", error.Message);
        Assert.Contains("start it", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [SkippableFact]
    public async Task A_missing_builder_or_platform_ends_in_one_line()
    {
        Need.Docker();
        using var sandbox = new DockerSandbox();
        var noBuilder = await Assert.ThrowsAsync<BuildError>(() => BuilderProbe.ProbeAsync(sandbox.Docker, "no-such-builder", ["linux/amd64"], false));
        Assert.Contains("docker buildx create --name no-such-builder", noBuilder.Message);
        var noPlatform = await Assert.ThrowsAsync<BuildError>(() => BuilderProbe.ProbeAsync(sandbox.Docker, null, ["linux/s390x"], false));
        Assert.Contains("cannot build linux/s390x", noPlatform.Message);
    }

    [SkippableFact]
    public async Task The_password_never_shows_in_any_process_argv_while_logging_in()
    {
        Need.Registry();
        var sentinel = "argv-sentinel-" + Guid.NewGuid().ToString("N");
        using var own = new OwnRegistry("own", sentinel);
        using var sandbox = new DockerSandbox();
        var leaks = new List<string>();
        var sawLogin = false;
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                foreach (var cmdline in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "cmdline")))
                {
                    string text;
                    try { text = File.ReadAllText(cmdline).Replace('\0', ' '); } catch (Exception) { continue; }
                    if (text.Contains(sentinel)) leaks.Add(text);
                    if (text.Contains("login") && text.Contains(own.Address)) sawLogin = true;
                }
        });
        for (var i = 0; i < 5 && !sawLogin; i++) await sandbox.LoginAsync(own.Address, own.User, own.Password);
        await stop.CancelAsync();
        await watcher;
        Assert.True(sawLogin, "the watcher never saw the docker login process, so it proves nothing");
        Assert.Empty(leaks);
        // docker's own credential store is the one place it may be.
        Assert.Contains(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"own:{sentinel}")), File.ReadAllText(Path.Combine(sandbox.ConfigDirectory, "config.json")));
    }
}
