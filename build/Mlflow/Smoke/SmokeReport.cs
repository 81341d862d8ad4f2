using System.Globalization;
using System.Text;

namespace Mlflow.Smoke;

/// <summary>One check of the smoke test: its name, whether it passed, how long it took, and what it saw.</summary>
internal sealed record SmokeCheck(string Name, bool Passed, TimeSpan Duration, string Detail);

/// <summary>
/// What SmokeTest found for the image it ran: the checks in order (the first failed one ends the list), where
/// the services came from, and the server container's last log lines when a check failed. Or why it did not run.
/// </summary>
internal sealed record SmokeReport
{
    /// <summary>The image run: registry/name@digest, or the local image.</summary>
    public required string Image { get; init; }
    public IReadOnlyList<SmokeCheck> Checks { get; init; } = [];
    /// <summary>Where PostgreSQL and the S3 store came from ("local: ...", "containers: ...").</summary>
    public string Services { get; init; } = "";
    /// <summary>The server container's last log lines (only when a check failed and the server had started).</summary>
    public IReadOnlyList<string> ServerLog { get; init; } = [];
    /// <summary>Not run, and why (--skip SmokeTest, or nothing to run).</summary>
    public string? SkipReason { get; init; }
    /// <summary>The compose file that runs the image the same way (the summary points at it).</summary>
    public string? ComposeFile { get; init; }

    public bool Passed => SkipReason is null && Checks.Count > 0 && Checks.All(c => c.Passed);
    public SmokeCheck? Failed => Checks.FirstOrDefault(c => !c.Passed);

    /// <summary>For the log: one line per check ("passed  0.4 s  runs as a non-root user: uid=10001").</summary>
    public IEnumerable<string> ToTextLines()
    {
        if (SkipReason is { } reason) { yield return $"Smoke test skipped: {reason}"; yield break; }
        yield return $"Smoke test of {Image} ({Services}):";
        foreach (var check in Checks)
            yield return $"  {(check.Passed ? "passed" : "FAILED"),-6} {Seconds(check.Duration),7}  {check.Name}: {check.Detail}";
        if (ServerLog.Count > 0)
        {
            yield return $"  last {ServerLog.Count} lines of the server container's log:";
            foreach (var line in ServerLog) yield return "    " + line;
        }
    }

    /// <summary>The summary's section: the checks with their times, the failed one and the log, or the skip.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("### Smoke test").AppendLine();
        if (SkipReason is { } reason)
            return md.AppendLine($"**Skipped**: {Escape(reason)}").AppendLine().ToString();
        md.AppendLine(Passed ? $"Passed: {Code(Image)} served MLflow ({Escape(Services)})." : $"**Failed** at \"{Escape(Failed?.Name ?? "")}\": no tag moved.").AppendLine();
        md.AppendLine("| Check | Result | Time | Detail |").AppendLine("| --- | --- | --- | --- |");
        foreach (var check in Checks)
            md.AppendLine($"| {Escape(check.Name)} | {(check.Passed ? "passed" : "**failed**")} | {Seconds(check.Duration)} | {Escape(check.Detail)} |");
        md.AppendLine();
        if (ServerLog.Count > 0)
        {
            md.AppendLine($"Last {ServerLog.Count} lines of the server container's log:").AppendLine().AppendLine("```text");
            foreach (var line in ServerLog) md.AppendLine(line.Replace("```", "'''"));
            md.AppendLine("```").AppendLine();
        }
        if (ComposeFile is { } compose)
            md.AppendLine($"Run it with PostgreSQL and MinIO the same way: {Code(compose)} (`docker compose -f {compose} up`).").AppendLine();
        return md.ToString();
    }

    static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    static string Code(string text) => "`" + text.Replace("`", "'") + "`";

    static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;");
}
