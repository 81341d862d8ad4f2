using System.Collections;
using System.Text.RegularExpressions;
using Tooling;

namespace Build.Tests.Components;

/// <summary>The compiled build run as a process with a temporary root: `dotnet _build.dll &lt;args&gt; --root &lt;root&gt; --no-logo`.</summary>
public static class BuildProcess
{
    /// <summary>Runs with none of this process's GITHUB_* variables, only <paramref name="environment"/>; returns exit code and output without colours.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string root, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var variables = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("GITHUB_", StringComparison.Ordinal))
            .ToDictionary(name => name, string? (_) => null);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) variables[name] = value;
        var command = new ToolCommand("dotnet", [Path.Combine(AppContext.BaseDirectory, "_build.dll"), .. args, "--root", root, "--no-logo"])
            { WorkingDirectory = root, Environment = variables };
        var result = await ToolRunner.RunAsync(command, echoOutput: false);
        return (result.ExitCode, Regex.Replace(result.StandardOutput + result.StandardError, @"\x1b\[[0-9;]*m", ""));
    }
}
