using System.Linq.Expressions;

namespace Engine;

/// <summary>What a build offers to its targets and component interfaces.</summary>
public interface INukeBuild
{
    /// <summary>The directory that holds .nuke/.</summary>
    AbsolutePath RootDirectory { get; }

    /// <summary>.nuke/temp</summary>
    AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>This run's own temporary folder (under RUNNER_TEMP or TMPDIR), made on first use, deleted when the run ends.</summary>
    AbsolutePath RunTemporaryDirectory { get; }

    /// <summary>True unless running on a CI server (GitHub Actions).</summary>
    bool IsLocalBuild { get; }
    bool IsServerBuild => !IsLocalBuild;

    /// <summary>Where the build runs: "GitHubActions" or "Terminal".</summary>
    string Host { get; }

    /// <summary>Fires on the first Ctrl-C/SIGTERM: a target that can stop half-way, and undo what it did, watches it.</summary>
    CancellationToken Interrupted { get; }

    /// <summary>
    /// The process environment as this run read it, once, at its start: components read variables here (never
    /// from the process), so in-process tests drive them with their own.
    /// </summary>
    IReadOnlyDictionary<string, string?> EnvironmentVariables { get; }

    /// <summary>What this run's targets produced for later targets, one declared <see cref="Result{T}"/> slot each.</summary>
    TargetResults Results { get; }

    /// <summary>Values this run computes at most once (declared <see cref="Once{T}"/> keys), e.g. the GitHub context.</summary>
    RunOnce Once { get; }

    /// <summary>Work targets leave running (nothing later waits for it); the run finishes it before cleanup and at the end.</summary>
    BackgroundWork Background { get; }

    /// <summary>
    /// The resolved value of a parameter declared on a component interface:
    /// <c>[Parameter] string Registry => TryGetValue(() => Registry) ?? "ghcr.io";</c>
    /// </summary>
    T? TryGetValue<T>(Expression<Func<T>> parameter);

    /// <summary>The names of this run's planned targets that are skipped (--skip, a condition, or a skipped dependency), as NUKE's SkippedTargets.</summary>
    IReadOnlyCollection<string> SkippedTargets { get; }

    /// <summary>Adds "key: value" to the current target's row in the summary table.</summary>
    void ReportSummary(string key, string value);

    /// <summary>
    /// Ours, not NUKE's: text printed after the summary table and the outcome line, so a run ends with what it made
    /// and what to do next. Masked; shown at every verbosity except quiet.
    /// </summary>
    void ReportAtEnd(string text);
}
