namespace Build.Tests.Engine;

/// <summary>Target headers, GitHub Actions groups and annotations, the summary table and --help, as NUKE prints them.</summary>
public class OutputTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    class Noisy : NukeBuild
    {
        Target Compile => _ => _.Description("Compiles.").Executes(() => Log.Warning("careful: 100%"));
        Target LongerTargetName => _ => _.DependsOn(Compile).Executes(() => Log.Error("bad\nthing"));
    }

    [Fact]
    public void On_GitHub_Actions_each_target_is_a_group_and_problems_are_annotations()
    {
        run.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(0, run.Run(new Noisy(), "LongerTargetName"));
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("::group::Compile", lines);
        Assert.Contains("::endgroup::Compile", lines);
        Assert.Contains("::warning::careful: 100%25", lines);
        Assert.Contains("::error::bad%0Athing", lines);
        Assert.True(lines.IndexOf("::group::Compile") < lines.IndexOf("::warning::careful: 100%25"));
        Assert.DoesNotContain("║ Compile", run.Output);
        Assert.False(File.Exists(Path.Combine(run.Root, ".nuke", "build.schema.json")), "CI runs write no schema");
    }

    [Fact]
    public void Locally_targets_get_a_header_and_problems_are_repeated_after_the_run()
    {
        Assert.Equal(0, run.Run(new Noisy(), "LongerTargetName"));
        Assert.Contains("╬═════════════════════\n║ LongerTargetName\n╬════════════\n", run.Output);
        Assert.Matches("═+\nErrors & Warnings\n─+\n\\[WRN\\] Compile: careful: 100%\n\\[ERR\\] LongerTargetName: bad\nthing\n", run.Output);
        Assert.DoesNotContain("::warning::", run.Output);
    }

    [Fact]
    public void The_summary_table_has_NUKE_column_widths()
    {
        Assert.Equal(0, run.Run(new Noisy(), "LongerTargetName", "--skip", "Compile"));
        var lines = run.Output.Split('\n').ToList();
        var table = lines.Skip(lines.FindLastIndex(l => l.StartsWith("Target ")) - 1).Take(8).ToList();
        var width = "LongerTargetName".Length + 4 + 20;
        Assert.Equal(new string('═', width), table[0]);
        Assert.Equal("Target".PadRight(20) + "Status    " + "  Duration", table[1]);
        Assert.Equal("Compile".PadRight(20) + "Skipped   " + new string(' ', 10) + "   // Skipped: via parameter", table[3]);
        // Right-aligned in ten columns, whatever the duration (a loaded machine can stretch it past a second).
        Assert.Matches(@"^LongerTargetName {4}Succeeded  {2,}(< 1sec|\d+:\d\d)$", table[4]);
        Assert.Equal(20 + 10 + 10, table[4].Length);
        Assert.StartsWith("Total" + new string(' ', 15 + 10), table[6]);
        // The date and time in the current culture, as NUKE prints them.
        Assert.Contains($"Build succeeded on {DateTime.Now.ToString(System.Globalization.CultureInfo.CurrentCulture)[..8]}", run.Output);
    }

    [Fact]
    public void Durations_show_minutes_and_seconds()
    {
        Assert.Equal("< 1sec", BuildOutput.Format(TimeSpan.FromMilliseconds(400)));
        Assert.Equal("0:16", BuildOutput.Format(TimeSpan.FromSeconds(16.7)));
        Assert.Equal("61:05", BuildOutput.Format(TimeSpan.FromSeconds(3665)));
    }

    class WithParameters : NukeBuild
    {
        [Parameter("Registry to push to.")] readonly string? Registry;
        [Parameter("Hidden", List = false)] readonly string? Internal;
        [Parameter] readonly string? NuGetApiKey;
        Target Restore => _ => _.Executes(() => { });
        Target Compile => _ => _.DependsOn(Restore).Description("Compiles the thing").Executes(() => { });
    }

    [Fact]
    public void Help_lists_targets_with_default_dependencies_and_parameters()
    {
        Assert.Equal(0, run.Run(new WithParameters(), ["Compile"], ["--help", "--no-logo"]));
        // Target names padded to 20 (trailing blanks too); descriptions at the longest name (nuget-api-key) + 7.
        var expected = $"""
            Targets (with their direct dependencies):

              {"Restore",-20}
              Compile (default)    -> Restore
                Compiles the thing

            Parameters:

              --nuget-api-key     <no description>
              --registry          Registry to push to.

              --continue          Indicates to continue a previously failed build attempt.
            """.ReplaceLineEndings("\n");
        Assert.Equal(expected, run.Output.ReplaceLineEndings("\n")[..expected.Length]);
        Assert.Contains("  --target            List of targets to be invoked. Default is 'Compile'.", run.Output);
        Assert.DoesNotContain("--internal", run.Output);
        Assert.DoesNotContain("Build engine", run.Output);
    }

    [Fact]
    public void An_empty_plan_shows_help()
    {
        Assert.Equal(0, run.Run(new WithParameters(), ["--no-logo"]));
        Assert.StartsWith("Targets (with their direct dependencies):", run.Output);
    }

    [Fact]
    public void Plan_prints_reasons_and_writes_a_self_contained_page()
    {
        Assert.Equal(0, run.Run(new WithParameters(), ["Compile"], ["--plan", "--skip", "restore"]));
        Assert.Matches(@"1\. Restore\s+dependency of Compile, skipped: via parameter", run.Output);
        Assert.Matches(@"2\. Compile\s+default target", run.Output);
        var page = Path.Combine(run.Root, ".nuke", "temp", "execution-plan.html");
        Assert.Contains(page, run.Output);
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(page));
        Assert.Contains("graph LR\n  Restore --> Compile\n", html);
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http", html.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Fact]
    public void A_negative_number_after_a_parameter_is_an_error_not_an_ignored_argument()
    {
        // NUKE's grammar: '-1' starts a new argument, so the parameter would silently keep its default.
        Assert.NotEqual(0, run.Run(new WithParameters(), ["Compile"], ["--registry", "-1"]));
        Assert.Contains("'-1' is not a value here", run.Output);
        Assert.DoesNotContain("Unknown argument", run.Output);
    }

    [Fact]
    public void Unknown_arguments_are_warned_about()
    {
        Assert.Equal(0, run.Run(new WithParameters(), ["Compile"], ["--registy", "x"]));
        Assert.Contains("[WRN] Unknown argument '--registy' is ignored", run.Output);
    }
}
