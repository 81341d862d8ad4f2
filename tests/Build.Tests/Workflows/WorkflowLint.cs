using System.Diagnostics;
using Build.Tests.Support;

namespace Build.Tests.Workflows;

/// <summary>Runs .ci/lint/lint-workflows (actionlint, GitHub's schema, shellcheck, yamllint, pin check).</summary>
static class WorkflowLint
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Lints the files with pins required; skips (locally) or fails (CI) when a validator is missing.</summary>
    public static Result Run(params string[] files)
    {
        Need.Require(MissingTool());
        var start = new ProcessStartInfo("bash", [Path.Combine(Repo.Root, ".ci", "lint", "lint-workflows"), "--require-pinned", .. files])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root,
        };
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
        return new Result(process.ExitCode, output);
    }

    static string? MissingTool()
    {
        var missing = new[] { "node", "npm", "yamllint", "shellcheck" }.Where(tool => !Need.OnPath(tool)).ToList();
        return missing.Count == 0 ? null : $"lint-workflows needs {string.Join(", ", missing)} (bash .ci/stack installs yamllint and shellcheck)";
    }
}
