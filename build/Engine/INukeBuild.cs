using System.Linq.Expressions;

namespace Engine;

/// <summary>What a build offers to its targets and component interfaces.</summary>
public interface INukeBuild
{
    /// <summary>The directory that holds .nuke/.</summary>
    AbsolutePath RootDirectory { get; }

    /// <summary>.nuke/temp</summary>
    AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>True unless running on a CI server (GitHub Actions).</summary>
    bool IsLocalBuild { get; }
    bool IsServerBuild => !IsLocalBuild;

    /// <summary>Where the build runs: "GitHubActions" or "Terminal".</summary>
    string Host { get; }

    /// <summary>
    /// The process environment as this run read it, once, at its start: components read variables here (never
    /// from the process), so in-process tests drive them with their own.
    /// </summary>
    IReadOnlyDictionary<string, string?> EnvironmentVariables { get; }

    /// <summary>Values handed from target to target within one run.</summary>
    BuildState State { get; }

    /// <summary>
    /// The resolved value of a parameter declared on a component interface:
    /// <c>[Parameter] string Registry => TryGetValue(() => Registry) ?? "ghcr.io";</c>
    /// </summary>
    T? TryGetValue<T>(Expression<Func<T>> parameter);

    /// <summary>Adds "key: value" to the current target's row in the summary table.</summary>
    void ReportSummary(string key, string value);
}
