namespace Tooling;

/// <summary>
/// A process to run: an executable and its argument list (never a shell string). Secrets travel in
/// <see cref="StandardInput"/> or <see cref="Environment"/>, never in <see cref="Arguments"/>.
/// </summary>
internal sealed record ToolCommand(string Executable, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public string? StandardInput { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
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
