using System.Diagnostics;
using System.Text;
using Build.Tests.Components;
using Build.Tests.Support;
using Prune;
using Build.Tests.Git;

namespace Build.Tests.Prune;

/// <summary>
/// `Prune --apply` as a process against a misbehaving Packages API, and against bad input: it sends no DELETE,
/// exits non-zero with one error line and no stack trace, and it ends (a bound that tells a hang from a slow machine, not
/// a benchmark: 1000 pages take about 4 s on a quiet machine). SIGINT during a page loop ends it within 30 s (the
/// loop would take 200 s).
/// </summary>
public class HostileApiTests
{
    static readonly TimeSpan Ends = TimeSpan.FromMinutes(3);

    static readonly string Owner = "hostile-" + Guid.NewGuid().ToString("N")[..6];

    static string[] Prune(params string[] extra) =>
        ["Prune", "--image-name", $"{Owner}/app/mlflow", "--registry", "127.0.0.1:5000", "--registry-username", "ci", "--apply", .. extra];

    static async Task<(int ExitCode, string Output, TimeSpan Took)> RunAsync(string? apiUrl, string[] args, string? token = "fake-token")
    {
        using var repository = TemporaryGitRepository.Create();
        repository.Git("remote", "add", "origin", $"https://github.com/{Owner}/app.git");
        var environment = new Dictionary<string, string> { ["GITHUB_API_URL"] = apiUrl ?? "" };
        if (token is not null) environment["GITHUB_TOKEN"] = token;
        var watch = Stopwatch.StartNew();
        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, args);
        return (exitCode, output, watch.Elapsed);
    }

    /// <summary>Non-zero, in time, one error line (the target's; the summary table may echo it), no stack trace.</summary>
    static void AssertOneLineFailure(int exitCode, string output, TimeSpan took, string expected, TimeSpan within)
    {
        Assert.True(exitCode != 0, output);
        Assert.True(took < within, $"took {took.TotalSeconds:0.0} s:\n{output}");
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception:", output);
        // The error once, as the target's line (the errors list at the end repeats that very line).
        var errors = output.Split('\n').Where(line => line.Contains("[ERR]")).Select(line => line[(line.IndexOf("[ERR] ", StringComparison.Ordinal) + 6)..].Replace("Prune: Target", "Target").Trim()).Distinct().ToList();
        Assert.True(errors.Count == 1, output);
        Assert.Contains(expected, errors[0]);
    }

    [Theory]
    [InlineData(Hostility.PageLoop, "led back to a page it had given")]
    [InlineData(Hostility.PageLoopBack, "led back to a page it had given")]
    [InlineData(Hostility.Endless, "more than 1000 pages of versions")]
    [InlineData(Hostility.MissingContainer, "version 1 (entry 1 of page 1): field metadata.container.tags is missing")]
    [InlineData(Hostility.ObjectNotList, "page 1 of the versions is an object, not a list of versions")]
    [InlineData(Hostility.WrongTypes, "entry 1 of page 1: field id is '1'")]
    [InlineData(Hostility.NullEntries, "entry 2 of page 1 is null")]
    [InlineData(Hostility.HugeId, "field id is 1180591620717411303424")]
    [InlineData(Hostility.BadDate, "field created_at is 'yesterday', not a date")]
    [InlineData(Hostility.TruncatedJson, "page 1 of the versions is not JSON")]
    public async Task A_misbehaving_API_gets_no_DELETE_and_one_line(Hostility hostility, string expected)
    {
        using var api = new HostilePackagesApi(Owner, hostility);
        var (exitCode, output, took) = await RunAsync(api.Url, Prune());
        AssertOneLineFailure(exitCode, output, took, expected, Ends);
        Assert.Contains("Nothing deleted", output);
        Assert.Empty(api.Deletes);
        Assert.True(api.VersionPagesServed <= 1000, $"{api.VersionPagesServed} pages");
    }

    [Theory]
    [InlineData("--max-deletions", "-1", "'-1' is not a value here")]
    [InlineData("--keep-branches", "-2", "'-2' is not a value here")]
    [InlineData("--untagged-older-than", "99999999d", "--untagged-older-than '99999999d' is longer than 100 years")]
    [InlineData("--staging-older-than", "10675200d", "--staging-older-than '10675200d' is longer than 100 years")]
    public async Task Bad_input_is_one_line_before_any_request(string parameter, string value, string expected)
    {
        using var api = new HostilePackagesApi(Owner, Hostility.MissingContainer);
        var (exitCode, output, took) = await RunAsync(api.Url, Prune(parameter, value));
        AssertOneLineFailure(exitCode, output, took, expected, Ends);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Without_a_token_it_says_at_once_what_it_needs()
    {
        using var api = new HostilePackagesApi(Owner, Hostility.MissingContainer);
        var (exitCode, output, took) = await RunAsync(api.Url, Prune(), token: null);
        AssertOneLineFailure(exitCode, output, took, "pass --github-token or set GITHUB_TOKEN", Ends);
        Assert.Contains("--registry-only", output);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task An_API_nobody_answers_is_one_line_without_retries()
    {
        var closed = $"http://127.0.0.1:{Build.Tests.GitHub.FakeGitHubApi.FreePort()}";
        var (exitCode, output, took) = await RunAsync(closed, Prune());
        AssertOneLineFailure(exitCode, output, took, "no answer at all: check the network and GITHUB_API_URL", Ends);
        Assert.DoesNotContain("retrying", output);
        Assert.DoesNotContain("Run again later", output);
    }

    [Fact]
    public async Task SIGINT_during_a_page_loop_ends_the_run_long_before_the_loop_would()
    {
        using var api = new HostilePackagesApi(Owner, Hostility.Endless) { Delay = TimeSpan.FromMilliseconds(200) };
        using var repository = TemporaryGitRepository.Create();
        repository.Git("remote", "add", "origin", $"https://github.com/{Owner}/app.git");
        // env resets SIGINT: a test run started in the background inherits it ignored, and .NET keeps it so.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "_build.dll"), .. Prune(), "--root", repository.Path, "--no-logo"])
            { WorkingDirectory = repository.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("GITHUB_", StringComparison.Ordinal)))
            start.Environment.Remove(name);
        start.Environment["GITHUB_API_URL"] = api.Url;
        start.Environment["GITHUB_TOKEN"] = "fake-token";
        var output = new StringBuilder();
        using var build = Process.Start(start)!;
        build.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        build.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        build.BeginOutputReadLine();
        build.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (api.VersionPagesServed < 3 && !build.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        Assert.False(build.HasExited, output.ToString());
        Process.Start("kill", ["-INT", build.Id.ToString()])!.WaitForExit();
        var signalled = Stopwatch.StartNew();
        var ended = await Task.WhenAny(build.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30))) is var first && build.HasExited;
        if (!ended) build.Kill(entireProcessTree: true);
        await build.WaitForExitAsync();
        var log = output.ToString();
        Assert.True(ended, $"still running {signalled.Elapsed.TotalSeconds:0.0} s after SIGINT:\n{log}");
        Assert.True(build.ExitCode == 130, $"exit code {build.ExitCode}:\n{log}");
        Assert.Contains("Interrupted by SIGINT", log);
        Assert.DoesNotContain("   at ", log);
        Assert.Empty(api.Deletes);
        var pages = api.VersionPagesServed;
        await Task.Delay(500);
        Assert.Equal(pages, api.VersionPagesServed); // nothing asked after the process ended
    }

    [SkippableFact]
    public async Task A_signal_during_the_deletes_stops_before_the_next_one()
    {
        Need.Registry();
        using var api = new HostilePackagesApi(Owner, Hostility.None);
        using var signal = new CancellationTokenSource();
        api.OnDelete = signal.Cancel;
        var image = global::Registry.ImageReference.Parse($"{TestRegistry.Address}/{Owner}/app/mlflow");
        var run = new PruneRun(new PackagesApi(api.Url, new Secret("fake-token"), new ApiRetry(), signal.Token),
            new RegistryGraph(() => new global::Registry.RegistryApi(image, TestRegistry.User, TestRegistry.PasswordSecret), signal.Token), signal.Token);
        var stopped = await Assert.ThrowsAsync<BuildError>(() => run.RunAsync(new PruneRequest(Owner, "app/mlflow", $"{Owner}/app", new PruneOptions(), Apply: true, MaxDeletions: 200)));
        Assert.StartsWith("Interrupted: 1 of 3 versions deleted, none after the signal", stopped.Message);
        Assert.Single(api.Deletes);
    }
}
