using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Build.Tests.Docker;
using Build.Tests.Registry;
using Build.Tests.Support;

using static Build.Tests.Components.PublishFixture;

namespace Build.Tests.Components;

/// <summary>
/// What the Actions runner does on cancel: SIGINT, then SIGTERM, to the build's process while its docker
/// children build, and a plain Ctrl-C while `docker push` runs. The build stops them, still logs out, removes its
/// staging tags (in the registry and the local engine's name), and says why it ended.
/// </summary>
public class InterruptProcessTests
{
    [SkippableFact]
    public Task SIGINT_then_SIGTERM_during_the_build_leaves_no_login_no_docker_child_and_no_staging_tag() =>
        // A buildx step line of both platforms (one solve builds them): the docker child is busy.
        InterruptAsync(output => Regex.IsMatch(output, @"#\d+ \[linux/arm64") && Regex.IsMatch(output, @"#\d+ \[linux/amd64"), thenTerminate: true);

    [SkippableFact]
    public Task SIGINT_during_the_docker_push_leaves_no_login_no_docker_child_no_staging_tag_and_no_local_staging_image() =>
        // The docker driver's one push of the staging tag (after the build stored it locally). The registry holds
        // the push's manifest PUT, so the push is surely still running when the signal comes (a quick push could
        // otherwise end first, and the signal land in a later target).
        InterruptAsync(busy: null, thenTerminate: false);

    /// <summary>
    /// Runs Publish against its own registry behind a proxy and signals the build once <paramref name="busy"/> holds
    /// for its output, or (without it) once the proxy holds the manifest PUT of the staging tag.
    /// </summary>
    async Task InterruptAsync(Func<string, bool>? busy, bool thenTerminate)
    {
        Need.Registry();
        using var own = new OwnRegistry("pusher", "pass-" + Guid.NewGuid().ToString("N")[..8]);
        using var proxy = new FaultyRegistryProxy(own.Port);
        if (busy is null)
            proxy.Fail(line => line.StartsWith("PUT /v2/", StringComparison.Ordinal) && line.Contains("/manifests/staging-"), RegistryFault.Hold);
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var repositoryName = DockerSandbox.UniqueRepository("interrupt");
        // env resets SIGINT: a test run started in the background (bash '&') inherits it ignored, and .NET keeps it so.
        var start = new ProcessStartInfo("env",
            ["--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "_build.dll"), "Publish", "--push", "--registry", proxy.Address, "--image-name", repositoryName,
             "--registry-username", "pusher", "--platforms", "linux/amd64,linux/arm64", .. StandIn, "--root", repository.Path, "--no-logo"])
        {
            WorkingDirectory = repository.Path, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("GITHUB_", StringComparison.Ordinal)))
            start.Environment.Remove(name);
        start.Environment["DOCKER_CONFIG"] = sandbox.ConfigDirectory;
        start.Environment["REGISTRY_PASSWORD"] = own.Password;
        start.Environment["NUKE_SKIP"] = "SmokeTest"; // the bare stand-in base has no mlflow to serve
        var output = new StringBuilder();
        var building = new TaskCompletionSource();
        using var build = Process.Start(start)!;
        void Read(string? line)
        {
            if (line is null) return;
            lock (output)
            {
                output.AppendLine(line);
                if (busy?.Invoke(output.ToString()) == true) building.TrySetResult();
            }
        }
        build.OutputDataReceived += (_, e) => Read(e.Data);
        build.ErrorDataReceived += (_, e) => Read(e.Data);
        build.BeginOutputReadLine();
        build.BeginErrorReadLine();

        var ready = busy is null ? proxy.FirstHeld : building.Task;
        Assert.True(await Task.WhenAny(ready, build.WaitForExitAsync()) == ready, "the build ended before it was busy:\n" + output);
        if (busy is null) lock (output) Assert.Contains("> docker push ", output.ToString());
        Signal(build.Id, "INT");
        // The held PUT is closed unanswered: the push cannot have made the staging tag, whatever the daemon does.
        proxy.Release();
        if (thenTerminate)
        {
            await Task.Delay(500);
            Signal(build.Id, "TERM");
        }
        await build.WaitForExitAsync();
        var log = output.ToString();

        Assert.True(build.ExitCode == 130, $"exit code {build.ExitCode}:\n{log}");
        // Usually DockerBuildx is the target stopped; a quick builder may already be in Merge: the cleanup is the same.
        // A held push is in DockerBuildx for sure.
        var stopped = busy is null ? "DockerBuildx" : "(DockerBuildx|Merge)";
        Assert.True(Regex.IsMatch(log, $"Interrupted by SIGINT: stopped {stopped}"), $"no 'stopped {stopped}':\n" + log);
        Assert.Contains("Logout", log[log.IndexOf("Interrupted by", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("   at ", log);
        Assert.DoesNotContain(proxy.Address, File.ReadAllText(Path.Combine(sandbox.ConfigDirectory, "config.json")));
        Assert.Empty(DockerProcessesNaming(repositoryName));
        Assert.DoesNotContain(await own.Reader.TagsAsync(repositoryName), t => t.StartsWith("staging-", StringComparison.Ordinal));
        // The local copy's staging name is gone too (it may keep its last-pushed name).
        Assert.DoesNotContain(LocalImageNames(sandbox, repositoryName), n => n.Contains(":staging-", StringComparison.Ordinal));
    }

    static List<string> LocalImageNames(DockerSandbox sandbox, string repository)
    {
        var list = Process.Start(new ProcessStartInfo("docker", ["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"]) { RedirectStandardOutput = true })!;
        var names = list.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(n => n.Contains(repository)).ToList();
        list.WaitForExit();
        return names;
    }

    static void Signal(int pid, string signal) => Process.Start("kill", ["-" + signal, pid.ToString()])!.WaitForExit();

    /// <summary>Processes whose command line names the repository (a docker child left pushing would).</summary>
    static List<string> DockerProcessesNaming(string repository) =>
        Directory.GetDirectories("/proc").Select(d => Path.Combine(d, "cmdline")).Select(file =>
        {
            try { return File.ReadAllText(file).Replace('\0', ' '); } catch (Exception) { return ""; }
        }).Where(line => line.Contains(repository) && line.Contains("docker")).ToList();
}
