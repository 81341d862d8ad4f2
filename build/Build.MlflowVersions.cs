using Mlflow;
using Tooling;

/// <summary>
/// Several MLflow versions in one run (issue 16): `Publish --mlflow-versions v3.1.1,v3.0.1` runs the whole pipeline
/// once per version, each as its own run of this same build with `--mlflow-version X` added (the list stays, so each
/// knows its siblings for X.Y/X/latest and whether it is the first, which takes the branch tags).
/// </summary>
/// <remarks>
/// Why child runs and not a loop: the pipeline's state (Tag's metadata, the pushed platforms, the staging tags
/// CleanStaging owns, the signing outcome, the publication Summary reports) holds one image per run, and every target
/// reads it. A run per version gets its own staging, its own all-or-none promotion, its own signatures and summary
/// section with no shared state to get wrong, and a failing version cannot reach another's tags. The cost is one
/// process start per version (about half a second) and a log that shows the runs one after the other. CI does not
/// use this: its matrix runs each version in its own jobs (Build.CI.GitHubActions.cs).
/// </remarks>
partial class Build
{
    /// <summary>Several versions and none picked: Publish hands each to a run of its own.</summary>
    // The list alone decides (never the default version: reading it reads dockerfile.mlflow, even while targets are discovered).
    bool EachVersionApart => Versions.MlflowVersionsGiven is { Length: > 0 } && Versions.MlflowVersions.Count > 1 && !Versions.MlflowVersionGiven;

    Target IPublish.Publish => _ => EachVersionApart
        ? _.Description(PublishDescription).Executes(PublishEachVersionAsync)
        : _.Description(PublishDescription)
            .DependsOn(((ICheckout)this).Checkout, ((IDockerBuildx)this).DockerBuildx, ((ISmokeTest)this).SmokeTest, ((IMerge)this).Merge, ((ISummary)this).Summary);

    const string PublishDescription = "Runs Checkout, Tag, Login, DockerBuildx, SmokeTest, Merge, Summary: builds, tests and publishes the image (locally: builds, loads and tests it)";

    async Task PublishEachVersionAsync()
    {
        var versions = Versions.MlflowVersions;
        var results = new List<(string Version, int ExitCode)>();
        foreach (var version in versions)
        {
            if (Interrupted.IsCancellationRequested) break;
            Log.Information($"MLflow {version} ({results.Count + 1} of {versions.Count}): a run of its own, with its own tags, staging and summary section");
            results.Add((version, await RunForVersionAsync(version, primary: version == versions[0])));
        }
        var done = results.Where(r => r.ExitCode == 0).Select(r => r.Version).ToList();
        var failed = results.Where(r => r.ExitCode != 0).Select(r => r.Version).ToList();
        var notRun = versions.Skip(results.Count).ToList();
        // The versions table: in the job summary on GitHub, else at the very end of the output.
        var table = MlflowVersionsSummary.ToMarkdown(results, notRun);
        if (EnvironmentVariables.GetValueOrDefault("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
            File.AppendAllText(summary, table);
        else
            ReportAtEnd(table);
        if (failed.Count == 0 && notRun.Count == 0) return;
        var kept = done.Count > 0 ? $"{string.Join(", ", done)} went through, each with its own tags; " : "";
        if (failed.Count > 0)
            throw new BuildError($"MLflow {string.Join(", ", failed)} failed (its log is above); {kept}a failed version moved none of its tags.");
        throw new BuildError($"Interrupted: MLflow {string.Join(", ", notRun)} not built; {kept}nothing else moved.");
    }

    /// <summary>
    /// This build again, as it was started (same executable, arguments and environment) plus `--mlflow-version`; it
    /// owns the console as this run does (see <see cref="ToolRunner.RunAttachedAsync"/>). Step outputs come from the
    /// first version only, so `digest` names one image.
    /// </summary>
    async Task<int> RunForVersionAsync(string version, bool primary)
    {
        var args = Environment.GetCommandLineArgs();
        var executable = Environment.ProcessPath ?? throw new BuildError("Cannot tell how this build was started, so it cannot run once per MLflow version; pass --mlflow-version.");
        // `dotnet _build.dll ...`: the first argument is the build's assembly; an apphost has it built in.
        var assembly = Path.GetFileNameWithoutExtension(executable) == "dotnet" ? args[..1] : [];
        var command = new ToolCommand(executable, [.. assembly, .. args.Skip(1), "--mlflow-version", version])
        {
            WorkingDirectory = Directory.GetCurrentDirectory(),
            Environment = primary ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["GITHUB_OUTPUT"] = "" },
        };
        return await ToolRunner.RunAttachedAsync(command);
    }
}

/// <summary>The summary's closing section of a several-version run: each version's outcome (their own sections are above).</summary>
static class MlflowVersionsSummary
{
    public static string ToMarkdown(IReadOnlyList<(string Version, int ExitCode)> results, IReadOnlyList<string> notRun)
    {
        var md = new System.Text.StringBuilder("## MLflow versions of this run\n\n| MLflow | Result |\n| --- | --- |\n");
        foreach (var (version, code) in results)
            md.Append($"| `{MlflowTemplates.Version(version)}` | {(code == 0 ? "done (section above)" : $"**failed** (exit code {code}): none of its tags moved")} |\n");
        foreach (var version in notRun) md.Append($"| `{MlflowTemplates.Version(version)}` | not built (interrupted) |\n");
        return md.Append('\n').ToString();
    }
}
