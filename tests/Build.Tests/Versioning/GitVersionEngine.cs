using System.Diagnostics;
using System.Text.Json.Nodes;
using Versioning;

namespace Build.Tests.Versioning;

/// <summary>The GitVersion engine run directly (not through the build), as the reference the build is compared with.</summary>
public static class GitVersionEngine
{
    public static readonly string Dll = GitVersionTool.Locate(System.Environment.GetEnvironmentVariable).Path;

    /// <summary>Every variable of `gitversion &lt;repository&gt; /output json`, as text; <paramref name="environment"/> adds variables.</summary>
    public static Dictionary<string, string> Run(string repository, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Dll, repository, "/output", "json", "/nofetch", "/nocache" }) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"GitVersion failed: {error}{output.Result}");
        return JsonNode.Parse(output.Result)!.AsObject().ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "");
    }
}
