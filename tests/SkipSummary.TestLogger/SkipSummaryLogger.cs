using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;

namespace SkipSummary;

/// <summary>
/// Ends a test run with one line per skipped test and its reason, then each failed test with the head of its message
/// (the console logger names tests one by one among a thousand lines, so a log's tail would show neither). Enabled for
/// Build.Tests by tests/Build.Tests/test.runsettings.
/// </summary>
[FriendlyName("skip-summary")]
[ExtensionUri("logger://mlflow-image/skip-summary")]
public sealed class SkipSummaryLogger : ITestLogger
{
    /// <summary>How many lines of a failure's message and stack trace the closing summary keeps.</summary>
    public const int FailureLines = 12;

    readonly List<(string Name, string Reason)> skipped = [];
    readonly List<(string Name, string Message)> failed = [];

    public void Initialize(TestLoggerEvents events, string testRunDirectory)
    {
        events.TestResult += (_, e) =>
        {
            var name = e.Result.TestCase.FullyQualifiedName;
            if (e.Result.Outcome == TestOutcome.Skipped)
                lock (skipped) skipped.Add((name, e.Result.ErrorMessage?.Trim() is { Length: > 0 } reason ? reason : "(no reason given)"));
            else if (e.Result.Outcome == TestOutcome.Failed)
                lock (failed) failed.Add((name, $"{e.Result.ErrorMessage}\n{e.Result.ErrorStackTrace}"));
        };
        events.TestRunComplete += (_, _) =>
        {
            Console.WriteLine(Summary(skipped));
            if (failed.Count > 0) Console.WriteLine(Failures(failed));
        };
    }

    /// <summary>"Skipped: none", or a count line and one line per test, grouped by reason.</summary>
    public static string Summary(IReadOnlyCollection<(string Name, string Reason)> skipped)
    {
        if (skipped.Count == 0) return "Skipped tests: none";
        var lines = new List<string> { $"Skipped tests ({skipped.Count}) and why:" };
        foreach (var group in skipped.GroupBy(s => s.Reason).OrderByDescending(g => g.Count()))
        {
            lines.Add($"  {group.Key} ({group.Count()}):");
            lines.AddRange(group.Select(s => s.Name).Order().Select(name => $"    {name}"));
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>A count line, then each failed test by name with the first lines of its message and stack trace.</summary>
    public static string Failures(IReadOnlyCollection<(string Name, string Message)> failed)
    {
        var lines = new List<string> { $"Failed tests ({failed.Count}):" };
        foreach (var (name, message) in failed.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            lines.Add($"  {name}");
            var body = message.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
            lines.AddRange(body.Take(FailureLines).Select(l => $"    {l}"));
            if (body.Count > FailureLines) lines.Add($"    ({body.Count - FailureLines} more lines)");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
