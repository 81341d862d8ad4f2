using SkipSummary;

namespace Build.Tests.Support;

/// <summary>The closing list of skipped tests (tests/SkipSummary.TestLogger, loaded by test.runsettings).</summary>
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
    public void The_test_project_loads_the_logger_through_its_run_settings()
    {
        var project = File.ReadAllText(Path.Combine(Repo.Root, "tests", "Build.Tests", "Build.Tests.csproj"));
        Assert.Contains("<RunSettingsFilePath>$(MSBuildThisFileDirectory)test.runsettings</RunSettingsFilePath>", project);
        Assert.Contains("friendlyName=\"skip-summary\" enabled=\"True\"", File.ReadAllText(Path.Combine(Repo.Root, "tests", "Build.Tests", "test.runsettings")));
    }
}
