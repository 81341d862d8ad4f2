using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;

namespace SkipSummary;

/// <summary>
/// Ends a test run with one line per skipped test and its reason (the console logger names skipped tests only one by
/// one, without the reason, among hundreds of lines). Enabled for Build.Tests by tests/Build.Tests/test.runsettings.
/// </summary>
[FriendlyName("skip-summary")]
[ExtensionUri("logger://mlflow-image/skip-summary")]
public sealed class SkipSummaryLogger : ITestLogger
{
    readonly List<(string Name, string Reason)> skipped = [];

    public void Initialize(TestLoggerEvents events, string testRunDirectory)
    {
        events.TestResult += (_, e) =>
        {
            if (e.Result.Outcome != TestOutcome.Skipped) return;
            lock (skipped) skipped.Add((e.Result.TestCase.FullyQualifiedName, e.Result.ErrorMessage?.Trim() is { Length: > 0 } reason ? reason : "(no reason given)"));
        };
        events.TestRunComplete += (_, _) => Console.WriteLine(Summary(skipped));
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
}
