using System.Diagnostics;
using Build.Tests.Support;

namespace Build.Tests.GitHub.Workflows;

/// <summary>Runs ../shared/tools/lint-workflows (actionlint, GitHub's schema, shellcheck, yamllint, pin check).</summary>
static class WorkflowLint
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Lints the files with pins required; skips (locally) or fails (CI) when a validator is missing.</summary>
    public static Result Run(params string[] files)
    {
        Need.Shared();
        Need.Require(MissingTool());
        var start = new ProcessStartInfo("bash", [Path.Combine(Repo.Shared, "tools", "lint-workflows"), "--require-pinned", .. files])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root,
        };
        start.Environment["WFLINT_NO_APT"] = "1"; // .ci/stack installs yamllint and shellcheck; a test never changes the machine
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("lint-workflows took over 3 minutes");
        }
        var output = stdout.Result + stderr.Result;
        if (process.ExitCode == 2) Need.Require($"lint-workflows could not set up its validators (npm registry reachable?): {output.Trim()}");
        Assert.DoesNotContain("skipped", output); // every validator ran
        return new Result(process.ExitCode, output);
    }

    static string? MissingTool()
    {
        var missing = new[] { "node", "npm", "yamllint", "shellcheck" }.Where(tool => !OnPath(tool)).ToList();
        return missing.Count == 0 ? null : $"lint-workflows needs {string.Join(", ", missing)} (bash .ci/stack installs yamllint and shellcheck)";
    }

    static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(directory => File.Exists(Path.Combine(directory, tool)));
}
