using SkipSummary;

namespace Build.Tests.Support;

/// <summary>The closing list of skipped and failed tests (tests/SkipSummary.TestLogger, loaded by test.runsettings).</summary>
public class SkipSummaryTests
{
    [Fact]
    public void No_skips_say_none()
    {
        Assert.Equal("Skipped tests: none", SkipSummaryLogger.Summary([]));
    }

    [Fact]
    public void Skips_are_grouped_by_reason_most_frequent_first()
    {
        var summary = SkipSummaryLogger.Summary([("B.Two", "no registry"), ("A.One", "no docker"), ("C.Three", "no registry")]);
        Assert.Equal(string.Join(Environment.NewLine,
            "Skipped tests (3) and why:", "  no registry (2):", "    B.Two", "    C.Three", "  no docker (1):", "    A.One"), summary);
    }

    [Fact]
    public void Failures_are_named_with_the_head_of_their_message_so_a_logs_tail_shows_them()
    {
        var message = string.Join("\n", Enumerable.Range(1, SkipSummaryLogger.FailureLines + 3).Select(i => $"line {i}"));
        var summary = SkipSummaryLogger.Failures([("B.Two", "Assert.Equal() Failure\n\n   at B.Two()"), ("A.One", message)]);
        var lines = summary.Split(Environment.NewLine);
        Assert.Equal("Failed tests (2):", lines[0]);
        Assert.Equal("  A.One", lines[1]);
        Assert.Equal("    line 1", lines[2]);
        Assert.Equal("    (3 more lines)", lines[2 + SkipSummaryLogger.FailureLines]);
        Assert.Equal(["  B.Two", "    Assert.Equal() Failure", "       at B.Two()"], lines[^3..]);
    }

    [Fact]
    public void The_test_project_loads_the_logger_through_its_run_settings()
    {
        var project = File.ReadAllText(Path.Combine(Repo.Root, "tests", "Build.Tests", "Build.Tests.csproj"));
        Assert.Contains("<RunSettingsFilePath>$(MSBuildThisFileDirectory)test.runsettings</RunSettingsFilePath>", project);
        Assert.Contains("friendlyName=\"skip-summary\" enabled=\"True\"", File.ReadAllText(Path.Combine(Repo.Root, "tests", "Build.Tests", "test.runsettings")));
    }
}
