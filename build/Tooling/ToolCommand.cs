namespace Tooling;

/// <summary>
/// A process to run: an executable and its argument list (never a shell string). Secrets travel as
/// <see cref="Secret"/>s in <see cref="SecretInput"/> or <see cref="SecretEnvironment"/>, never in <see cref="Arguments"/>;
/// the runner reveals them only as it hands them to the child.
/// </summary>
internal sealed record ToolCommand(string Executable, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    /// <summary>Standard input that is no secret (a server name for a credential helper).</summary>
    public string? StandardInput { get; init; }
    /// <summary>A secret on standard input (<c>docker login --password-stdin</c>); instead of <see cref="StandardInput"/>.</summary>
    public Secret? SecretInput { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    /// <summary>Secrets in the child's environment (COSIGN_PASSWORD), set on top of <see cref="Environment"/>.</summary>
    public IReadOnlyDictionary<string, Secret> SecretEnvironment { get; init; } = new Dictionary<string, Secret>();
    /// <summary>Shown only with --verbosity verbose: work started ahead of its target, while another target logs.</summary>
    public bool Quiet { get; init; }

    /// <summary>How the command is shown in logs and in --dry-run: shell-quoted where needed, secrets masked by the log.</summary>
    public override string ToString() => string.Join(' ', new[] { Executable }.Concat(Arguments).Select(Quote));

    static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@+%^".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}

internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// A tool's output as the failure messages read it: trimmed, non-empty lines. Which line says what went
    /// wrong is the tool's own habit (docker first, buildx last after "ERROR:", GitVersion after "ERROR ["),
    /// so the callers pick; the splitting is this one rule.
    /// </summary>
    public static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
