using Tooling;

namespace Docker;

/// <summary>
/// Runs docker commands for the targets, or with <see cref="DryRun"/> only prints them (secrets masked by the
/// log) and runs none. <see cref="Environment"/> is added to every command's own environment (tests point
/// DOCKER_CONFIG and DOCKER_HOST elsewhere); everything else is inherited, so the user's DOCKER_CONFIG and
/// current builder apply exactly as they do for docker itself.
/// </summary>
internal sealed class DockerCli(bool dryRun = false, IReadOnlyDictionary<string, string?>? environment = null)
{
    readonly List<ToolCommand> planned = new();
    readonly IReadOnlyDictionary<string, string?> given = environment ?? new Dictionary<string, string?>();
    IReadOnlyDictionary<string, string?> overrides = new Dictionary<string, string?>();

    public bool DryRun => dryRun;

    /// <summary>The variables added to every command: the given ones, then <see cref="UseConfig"/>'s.</summary>
    public IReadOnlyDictionary<string, string?> Environment =>
        given.Where(p => !overrides.ContainsKey(p.Key)).Concat(overrides).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>The docker client configuration the run started with (the user's), whatever <see cref="UseConfig"/> set since.</summary>
    public IReadOnlyDictionary<string, string?> UserEnvironment => given;

    /// <summary>From now on every command uses these variables (this run's private DOCKER_CONFIG); null goes back to the user's.</summary>
    public void UseConfig(IReadOnlyDictionary<string, string?>? variables) => overrides = variables ?? new Dictionary<string, string?>();

    /// <summary>Every command run or, in a dry run, printed, in order.</summary>
    public IReadOnlyList<ToolCommand> Commands => planned;

    /// <param name="outputPrefix">Marks the lines of one of several commands running at once (the platform).</param>
    /// <param name="onLine">Sees each output line as it comes (never in a dry run).</param>
    public async Task<ToolResult> RunAsync(ToolCommand command, bool echoOutput = true, string? outputPrefix = null, Action<string>? onLine = null)
    {
        var environment = Environment;
        var withEnvironment = command with
        {
            Environment = environment.Concat(command.Environment.Where(p => !environment.ContainsKey(p.Key)))
                .ToDictionary(p => p.Key, p => p.Value),
        };
        lock (planned) planned.Add(withEnvironment);
        if (!dryRun) return await ToolRunner.RunAsync(withEnvironment, echoOutput, outputPrefix: outputPrefix, explain: Explain, onLine: onLine);
        Log.Information("[dry-run] " + command + (command.SecretInput is null ? "" : "   (password on stdin)"));
        return new ToolResult(0, "", "");
    }

    /// <summary>
    /// buildx reports a registry cache that does not exist yet (every first push) as an ERROR line, though the build
    /// goes on without it: say what it means instead.
    /// </summary>
    internal static string? Explain(string line)
    {
        const string marker = "failed to configure registry cache importer: ";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || !line.TrimEnd().EndsWith("not found", StringComparison.Ordinal)) return null;
        var reference = line[(at + marker.Length)..].Split(": ")[0];
        return $"The registry cache {reference} is empty (nothing cached yet, e.g. the first push): building without it.";
    }
}
