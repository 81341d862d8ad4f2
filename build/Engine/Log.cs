using System.Text.RegularExpressions;

namespace Engine;

public enum LogLevel { Verbose, Debug, Information, Warning, Error }

/// <summary>
/// The build's log. Every registered secret is replaced by *** in every line, whatever writes it.
/// During a run, lines go to that run's output and secrets registered by the run are that run's (so runs in one
/// process stay apart: one run's short secret never masks a word in another's output); on GitHub Actions
/// warnings and errors are also written as ::warning::/::error:: annotations.
/// </summary>
public static class Log
{
    static readonly object Gate = new();
    static readonly List<string> Secrets = new();
    static readonly AsyncLocal<LogSink?> CurrentSink = new();

    /// <summary>The lowest level printed outside a run (a run uses its --verbosity).</summary>
    internal static LogLevel MinimumLevel { get; set; } = LogLevel.Debug;

    /// <summary>Where lines go outside a run; tests replace it.</summary>
    internal static TextWriter Out { get; set; } = Console.Out;

    /// <summary>
    /// Masks <paramref name="secret"/> in everything logged from now on, and each of its lines on its own: a
    /// multi-line value reaches the log one line at a time (child processes echo line by line). The engine's own: the
    /// build masks a value by making it a <see cref="Secret"/>.
    /// </summary>
    internal static void AddSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return;
        var secrets = CurrentSink.Value?.Secrets ?? Secrets;
        lock (Gate)
            foreach (var part in SecretLines(secret).Prepend(secret))
                if (!secrets.Contains(part)) secrets.Add(part);
    }

    /// <summary>The non-blank lines of a secret (split at \r\n, \n and \r), each masked on its own.</summary>
    internal static IEnumerable<string> SecretLines(string secret) =>
        secret.Split(["\r\n", "\n", "\r"], StringSplitOptions.None).Where(line => line.Trim().Length > 0).Distinct();

    /// <summary>
    /// The lines that tell the GitHub Actions runner to hide <paramref name="secret"/>: one <c>::add-mask::</c> per
    /// line (the runner masks line by line), each value escaped as the Actions toolkit escapes command data.
    /// They must reach stdout unmasked, so they bypass <see cref="Mask"/>.
    /// </summary>
    internal static IEnumerable<string> AddMaskCommands(string secret) =>
        SecretLines(secret).Select(line => "::add-mask::" + EscapeCommandData(line));

    /// <summary>On GitHub Actions, tells the runner to hide <paramref name="secret"/> from every later line of the job.</summary>
    public static void AddMaskOnRunner(Secret? secret)
    {
        var sink = CurrentSink.Value;
        if (secret is null || secret.IsEmpty || sink is not { GitHubActions: true }) return;
        lock (Gate)
            foreach (var command in AddMaskCommands(secret.Reveal())) sink.Out.WriteLine(command);
    }

    /// <summary>Secrets shorter than this are masked only where they stand as a whole token (see <see cref="Mask"/>).</summary>
    internal const int ShortSecret = 8;

    static readonly Dictionary<string, Regex> WholeTokens = new();

    /// <summary>
    /// Replaces every registered secret with ***. A short one (a test password, "x", "flow") is replaced only where it
    /// stands alone, between characters that are not letters, digits or '_': masking it inside words would mangle
    /// ordinary output (workflow → work***) and tell where the secret occurs besides.
    /// </summary>
    public static string Mask(string text)
    {
        var run = CurrentSink.Value?.Secrets ?? [];
        lock (Gate)
            foreach (var secret in Secrets.Concat(run).Distinct().OrderByDescending(s => s.Length))
            {
                if (secret.Length >= ShortSecret) text = text.Replace(secret, "***", StringComparison.Ordinal);
                else if (text.Contains(secret, StringComparison.Ordinal))
                {
                    if (!WholeTokens.TryGetValue(secret, out var token))
                        WholeTokens[secret] = token = new Regex($@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(secret)}(?![\p{{L}}\p{{N}}_])", RegexOptions.CultureInvariant);
                    text = token.Replace(text, "***");
                }
            }
        return text;
    }

    /// <summary>True during a run while no target is running (resolving parameters, checking requirements).</summary>
    public static bool OutsideTargets => CurrentSink.Value is { CurrentTarget: null };

    public static void Verbose(string message) => Write(LogLevel.Verbose, message);
    public static void Debug(string message) => Write(LogLevel.Debug, message);
    public static void Information(string message) => Write(LogLevel.Information, message);
    public static void Warning(string message) => Write(LogLevel.Warning, message);
    public static void Error(string message) => Write(LogLevel.Error, message);

    public static void Write(LogLevel level, string message)
    {
        var sink = CurrentSink.Value;
        var shown = level >= (sink?.MinimumLevel ?? MinimumLevel);
        // A warning below --verbosity (quiet) is still listed under Errors & Warnings at the end, as in NUKE.
        if (!shown && (sink == null || level < LogLevel.Warning)) return;
        message = Mask(message);
        var tag = level switch
        {
            LogLevel.Verbose => "VRB", LogLevel.Debug => "DBG", LogLevel.Information => "INF",
            LogLevel.Warning => "WRN", _ => "ERR",
        };
        var prefix = $"{DateTime.Now:HH:mm:ss} [{tag}] ";
        var line = prefix + message;
        lock (Gate)
        {
            if (sink == null)
            {
                Out.WriteLine(line);
                return;
            }
            if (level >= LogLevel.Warning)
            {
                sink.Problems.Add($"[{tag}] {(sink.CurrentTarget != null ? sink.CurrentTarget + ": " : "")}{message}");
                if (!shown) return;
                if (sink.GitHubActions)
                    sink.Out.WriteLine($"::{(level == LogLevel.Warning ? "warning" : "error")}::{EscapeCommandData(message)}");
            }
            sink.Out.WriteLine(sink.Paint(ToneOf(level), sink.GitHubActions ? Inert(line, prefix) : line));
            sink.File?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} | {tag[0]} | {(sink.CurrentTarget ?? "").PadRight(20)} | {message}");
        }
    }

    /// <summary>Writes a line as it is (masked), for the engine's own headers and tables.</summary>
    internal static void Raw(string text, Tone tone = Tone.Plain)
    {
        var sink = CurrentSink.Value;
        lock (Gate)
        {
            if (sink == null) Out.WriteLine(Mask(text));
            else
            {
                sink.Out.WriteLine(sink.Paint(tone, sink.GitHubActions ? Inert(Mask(text), "| ") : Mask(text)));
                sink.File?.WriteLine(Mask(text));
            }
        }
    }

    /// <summary>Writes a workflow command the engine means (::group::, ::endgroup::), its value escaped.</summary>
    internal static void Command(string name, string value)
    {
        var sink = CurrentSink.Value;
        lock (Gate) (sink?.Out ?? Out).WriteLine($"::{name}::{EscapeCommandData(Mask(value))}");
    }

    /// <summary>
    /// Text echoed on GitHub Actions must not start a workflow command: the runner reads any line that starts
    /// with "::" (after leading blanks) as one, and "##[" anywhere as a legacy one. A value with a newline (a
    /// parameter, GITHUB_REF, a tool's output) could otherwise write "::error::..." or "::add-mask::..." lines.
    /// Every line that would start a command gets <paramref name="prefix"/>; "##[" becomes "## [" (a visible
    /// break: the runner may compare culture-aware, which skips invisible characters).
    /// </summary>
    internal static string Inert(string text, string prefix)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Replace("##[", "## [", StringComparison.Ordinal);
            lines[i] = line.TrimStart().StartsWith("::", StringComparison.Ordinal) ? prefix + line : line;
        }
        return string.Join('\n', lines);
    }

    static Tone ToneOf(LogLevel level) => level switch
    {
        LogLevel.Verbose or LogLevel.Debug => Tone.Dim,
        LogLevel.Warning => Tone.Warning,
        LogLevel.Error => Tone.Error,
        _ => Tone.Plain,
    };

    internal static LogSink? Sink
    {
        get => CurrentSink.Value;
        set => CurrentSink.Value = value;
    }

    /// <summary>GitHub's workflow-command escaping of message data.</summary>
    internal static string EscapeCommandData(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
}

/// <summary>One run's log: its output, level, host and the warnings and errors it collected.</summary>
sealed class LogSink(TextWriter output, LogLevel minimumLevel, bool gitHubActions, bool colours)
{
    public TextWriter Out { get; } = output;
    public LogLevel MinimumLevel { get; set; } = minimumLevel;
    public bool GitHubActions { get; } = gitHubActions;
    public string? CurrentTarget { get; set; }
    public List<string> Problems { get; } = [];
    /// <summary>The secrets this run registered (<see cref="Log.AddSecret"/>), masked in its lines on top of the process's own.</summary>
    public List<string> Secrets { get; } = [];
    /// <summary>.nuke/temp/build.log (see <see cref="BuildLogFile"/>), or null before the root is known.</summary>
    public TextWriter? File { get; set; }

    /// <summary>NUKE's 256-colour theme (only when the output is a terminal or GitHub Actions).</summary>
    public string Paint(Tone tone, string text) => !colours ? text : tone switch
    {
        Tone.Dim => $"\e[38;5;244m{text}\e[0m",
        Tone.Warning => $"\e[38;5;214m{text}\e[0m",
        Tone.Error => $"\e[38;5;196m{text}\e[0m",
        Tone.Success => $"\e[1;38;5;41m{text}\e[0m",
        _ => text,
    };
}

/// <summary>How a line is coloured.</summary>
enum Tone { Plain, Dim, Warning, Error, Success }
