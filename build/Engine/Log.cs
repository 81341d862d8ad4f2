namespace Engine;

public enum LogLevel { Verbose, Debug, Information, Warning, Error }

/// <summary>
/// The build's log. Every registered secret is replaced by *** in every line, whatever writes it.
/// (Skeleton: the engine owns formatting, host-specific annotations and the Errors &amp; Warnings block.)
/// </summary>
public static class Log
{
    static readonly object Gate = new();
    static readonly List<string> Secrets = new();

    /// <summary>The lowest level printed (--verbosity).</summary>
    public static LogLevel MinimumLevel { get; set; } = LogLevel.Debug;

    /// <summary>Where lines go; tests replace it.</summary>
    public static TextWriter Out { get; set; } = Console.Out;

    /// <summary>Masks <paramref name="secret"/> in everything logged from now on.</summary>
    public static void AddSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return;
        lock (Gate)
            if (!Secrets.Contains(secret)) Secrets.Add(secret);
    }

    public static string Mask(string text)
    {
        lock (Gate)
            foreach (var secret in Secrets.OrderByDescending(s => s.Length))
                text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }

    public static void Verbose(string message) => Write(LogLevel.Verbose, message);
    public static void Debug(string message) => Write(LogLevel.Debug, message);
    public static void Information(string message) => Write(LogLevel.Information, message);
    public static void Warning(string message) => Write(LogLevel.Warning, message);
    public static void Error(string message) => Write(LogLevel.Error, message);

    public static void Write(LogLevel level, string message)
    {
        if (level < MinimumLevel) return;
        var tag = level switch
        {
            LogLevel.Verbose => "VRB", LogLevel.Debug => "DBG", LogLevel.Information => "INF",
            LogLevel.Warning => "WRN", _ => "ERR",
        };
        var line = $"{DateTime.Now:HH:mm:ss} [{tag}] {Mask(message)}";
        lock (Gate) Out.WriteLine(line);
    }
}
