using System.Diagnostics;

namespace Build.Tests.Support;

/// <summary>
/// Preconditions of tests that need real parts. Outside CI a missing part skips the test with the reason;
/// with CI=true it fails it, because .ci/run is supposed to have started everything.
/// </summary>
public static class Need
{
    static readonly Lazy<string?> DockerProblem = new(FindDockerProblem);

    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A reachable dockerd with buildx.</summary>
    public static void Docker() => Require(DockerProblem.Value);

    /// <summary>The registry .ci/run starts (127.0.0.1:5000, htpasswd auth).</summary>
    public static void Registry()
    {
        Docker();
        Require(TestRegistry.Answers() ? null : $"no registry answers at {TestRegistry.Address} (run: bash .ci/stack)");
    }

    /// <summary>cosign on PATH (.ci/stack installs 2.5).</summary>
    public static void Cosign() => Require(OnPath("cosign") ? null : "cosign is not on PATH (run: bash .ci/stack)");

    /// <summary>An executable of that name in a PATH folder.</summary>
    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(directory => File.Exists(Path.Combine(directory, tool)));

    public static void Require(string? problem)
    {
        if (problem is null) return;
        if (IsCI) throw new InvalidOperationException("CI=true but a test precondition is missing: " + problem);
        Skip.If(true, problem);
    }

    static string? FindDockerProblem()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", ["buildx", "inspect"])
                { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(20_000)) { process.Kill(); return "docker buildx inspect timed out"; }
            return process.ExitCode == 0 ? null : "no Docker daemon with buildx is reachable (run: bash .ci/stack)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "the docker CLI is not installed";
        }
    }
}

/// <summary>The local registry the tests push to (what .ci/run starts).</summary>
public static class TestRegistry
{
    public static string Address => Environment.GetEnvironmentVariable("TEST_REGISTRY") ?? "127.0.0.1:5000";
    public static string User => Environment.GetEnvironmentVariable("TEST_REGISTRY_USER") ?? "ci";
    public static string Password => Environment.GetEnvironmentVariable("TEST_REGISTRY_PASSWORD") ?? "ci-registry-pass";
    /// <summary><see cref="Password"/> as the build's APIs take it.</summary>
    public static Secret PasswordSecret => new(Password);

    /// <summary>The stand-in for ghcr.io/mlflow/mlflow that .ci/stack pushes.</summary>
    public static string StandInImage => $"{Address}/stand-in/mlflow";
    public static string StandInVersion => "v3.1.1";

    public static bool Answers()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            var status = (int)http.GetAsync($"http://{Address}/v2/").GetAwaiter().GetResult().StatusCode;
            return status is 200 or 401;
        }
        catch (Exception) { return false; }
    }
}
