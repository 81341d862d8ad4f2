using System.Collections;
using System.Text.RegularExpressions;
using Tooling;

namespace Build.Tests.Components;

/// <summary>The compiled build run as a process with a temporary root: `dotnet _build.dll &lt;args&gt; --root &lt;root&gt; --no-logo`.</summary>
public static class BuildProcess
{
    /// <summary>
    /// Runs with none of this process's GITHUB_* variables, only <paramref name="environment"/>; returns exit code and output without colours.
    /// SmokeTest is skipped (NUKE_SKIP=SmokeTest; a --skip on the command line wins): these runs build on the bare stand-in
    /// base, which has no `mlflow` to serve. <see cref="RunWithSmokeTestAsync"/> keeps it.
    /// </summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string root, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(root, environment, smokeTest: false, args);

    /// <summary>As <see cref="RunAsync(string, IReadOnlyDictionary{string, string}?, string[])"/>, with SmokeTest in the run.</summary>
    public static Task<(int ExitCode, string Output)> RunWithSmokeTestAsync(string root, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(root, environment, smokeTest: true, args);

    static async Task<(int ExitCode, string Output)> RunAsync(string root, IReadOnlyDictionary<string, string>? environment, bool smokeTest, string[] args)
    {
        var variables = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("GITHUB_", StringComparison.Ordinal) || name == "NUKE_SKIP")
            .ToDictionary(name => name, string? (_) => null);
        if (!smokeTest) variables["NUKE_SKIP"] = "SmokeTest";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) variables[name] = value;
        var command = new ToolCommand("dotnet", [Path.Combine(AppContext.BaseDirectory, "_build.dll"), .. args, "--root", root, "--no-logo"])
            { WorkingDirectory = root, Environment = variables };
        var result = await ToolRunner.RunAsync(command, echoOutput: false);
        return (result.ExitCode, Regex.Replace(result.StandardOutput + result.StandardError, @"\x1b\[[0-9;]*m", ""));
    }
}
