namespace Build.Tests.Engine;

/// <summary>
/// Skipping (a skipped target's dependencies are skipped unless something else needs them or WhenSkipped says
/// run), requirements (checked before any target runs) and failures (later targets stop; ProceedAfterFailure
/// and AssuredAfterFailure ones still run), in-process.
/// </summary>
public class ExecutionTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    abstract class Recording : NukeBuild
    {
        public List<string> Ran { get; } = [];
        protected Action Record(string name) => () => Ran.Add(name);
    }

    class Pipeline : Recording
    {
        public bool Ready { get; set; } = true;
        public bool Gate { get; set; } = true;
        Target Clean => _ => _.Executes(Record("Clean"));
        Target Restore => _ => _.Executes(Record("Restore"));
        Target Compile => _ => _.DependsOn(Clean, Restore).OnlyWhenStatic(() => Ready).Executes(Record("Compile"));
        Target Test => _ => _.DependsOn(Compile).Executes(Record("Test"));
        Target Pack => _ => _.DependsOn(Compile, Restore).OnlyWhenDynamic(() => Gate).Triggers(Announce).Executes(Record("Pack"));
        Target Announce => _ => _.Executes(Record("Announce"));
    }

    [Fact]
    public void Bare_skip_skips_everything_but_the_invoked_targets()
    {
        var build = new Pipeline();
        Assert.Equal(0, run.Run(build, "Test", "--skip"));
        Assert.Equal(["Test"], build.Ran);
        Assert.Matches(@"Compile\s+Skipped\s+// Skipped: via parameter", run.Output);
    }

    [Fact]
    public void Skipping_by_name_cascades_to_dependencies_nothing_else_needs()
    {
        var build = new Pipeline();
        Assert.Equal(0, run.Run(build, "Test", "Pack", "--skip", "compile"));
        // Clean only served Compile; Restore is still needed by Pack. Unrelated targets run in reverse declaration order.
        Assert.Equal(["Restore", "Pack", "Announce", "Test"], build.Ran);
        Assert.Matches(@"Clean\s+Skipped\s+// Skipped: because of Compile", run.Output);
    }

    class Reporting : Recording
    {
        public IReadOnlyCollection<string> SeenSkipped { get; private set; } = [];
        Target Probe => _ => _.Executes(Record("Probe"));
        Target Compile => _ => _.OnlyWhenDynamic(() => false).Executes(Record("Compile"));
        Target Report => _ => _.DependsOn(Probe, Compile).Executes(() => SeenSkipped = SkippedTargets);
    }

    [Fact]
    public void A_target_sees_which_planned_targets_were_skipped_by_parameter_or_condition()
    {
        var build = new Reporting();
        Assert.Equal(0, run.Run(build, "Report", "--skip", "Probe"));
        Assert.Equal(["Compile", "Probe"], build.SeenSkipped.Order(StringComparer.Ordinal));
        Assert.Empty(new Reporting().SkippedTargets);
    }

    [Fact]
    public void Skip_accepts_plus_separated_names_with_dashes_ignored()
    {
        var build = new Pipeline();
        Assert.Equal(0, run.Run(build, "Test", "--skip", "Clean+re-store"));
        Assert.Equal(["Compile", "Test"], build.Ran);
    }

    [Fact]
    public void An_unknown_target_fails_with_the_available_ones_one_per_line()
    {
        Assert.Equal(-1, run.Run(new Pipeline(), "Lint"));
        Assert.Contains("Target with name 'Lint' does not exist. Available targets are:\n  - Announce\n  - Clean\n  - Compile\n  - Pack\n  - Restore\n  - Test\n", run.Output);
    }

    [Fact]
    public void Invoked_targets_are_not_skipped_by_name()
    {
        var build = new Pipeline();
        Assert.Equal(0, run.Run(build, "Clean", "--skip", "Clean"));
        Assert.Equal(["Clean"], build.Ran);
    }

    [Fact]
    public void A_static_condition_skips_the_target_and_what_only_it_needed()
    {
        var build = new Pipeline { Ready = false };
        Assert.Equal(0, run.Run(build, "Test"));
        Assert.Equal(["Test"], build.Ran);
        Assert.Matches(@"Compile\s+Skipped\s+// OnlyWhen: Ready", run.Output);
        Assert.Matches(@"Restore\s+Skipped\s+// Skipped: because of Compile", run.Output);
    }

    [Fact]
    public void An_invoked_target_with_a_false_static_condition_is_skipped_but_its_dependencies_run()
    {
        var build = new Pipeline { Ready = false };
        Assert.Equal(0, run.Run(build, "Compile"));
        Assert.Equal(["Restore", "Clean"], build.Ran);
    }

    [Fact]
    public void A_false_dynamic_condition_skips_the_target_and_its_triggers_after_dependencies_ran()
    {
        var build = new Pipeline { Gate = false };
        Assert.Equal(0, run.Run(build, "Pack"));
        Assert.Equal(["Restore", "Clean", "Compile"], build.Ran);
        Assert.Matches(@"Pack\s+Skipped\s+// OnlyWhen: Gate", run.Output);
        Assert.Matches(@"Announce\s+Skipped\s+// Skipped: because of Pack", run.Output);
    }

    class KeepDependencies : Recording
    {
        Target Restore => _ => _.Executes(Record("Restore"));
        Target Compile => _ => _.DependsOn(Restore).OnlyWhenStatic(() => false).WhenSkipped(DependencyBehavior.Execute).Executes(Record("Compile"));
        Target Test => _ => _.DependsOn(Compile).Executes(Record("Test"));
    }

    [Fact]
    public void WhenSkipped_Execute_keeps_the_dependencies()
    {
        var build = new KeepDependencies();
        Assert.Equal(0, run.Run(build, "Test"));
        Assert.Equal(["Restore", "Test"], build.Ran);
    }

    class Failing : Recording
    {
        Target Prepare => _ => _.Executes(Record("Prepare"));
        Target Broken => _ => _.DependsOn(Prepare).Executes(() => throw new BuildError("disk full"));
        Target Later => _ => _.DependsOn(Broken).Executes(Record("Later"));
        Target Cleanup => _ => _.After(Later).AssuredAfterFailure().Executes(Record("Cleanup"));
        Target All => _ => _.DependsOn(Later, Cleanup);
    }

    [Fact]
    public void A_failure_stops_the_build_runs_assured_targets_and_exits_non_zero()
    {
        var build = new Failing();
        Assert.Equal(-1, run.Run(build, "All"));
        Assert.Equal(["Prepare", "Cleanup"], build.Ran);
        Assert.Matches(@"Broken\s+Failed\s+\S.*// Error: disk full", run.Output);
        Assert.Matches(@"Later\s+NotRun", run.Output);
        Assert.Contains("[ERR] Target Broken failed: disk full", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.Contains("Build failed on", run.Output);
    }

    class Proceeding : Recording
    {
        Target Broken => _ => _.ProceedAfterFailure().Executes(() => throw new InvalidOperationException("boom\nsecond line"));
        Target Other => _ => _.After(Broken).Executes(Record("Other"));
    }

    [Fact]
    public void ProceedAfterFailure_lets_the_build_go_on_but_still_fail()
    {
        var build = new Proceeding();
        Assert.Equal(-1, run.Run(build, "Broken", "Other"));
        Assert.Equal(["Other"], build.Ran);
        Assert.Matches(@"Broken\s+Failed\s+\S.*// InvalidOperationException: boom$", run.Output.Split('\n').First(l => l.StartsWith("Broken")).TrimEnd());
    }

    class Requiring : Recording
    {
        [Parameter("The key")] readonly string? ApiKey;
        [Parameter] readonly bool Push;
        [Parameter] readonly bool DryRun;
        Target Publish => _ => _.Requires(() => ApiKey).Requires(() => Push || DryRun).Executes(Record("Publish"));
        Target Other => _ => _.Executes(Record("Other"));
    }

    [Fact]
    public void Requirements_name_the_target_and_what_is_missing_before_anything_runs()
    {
        var build = new Requiring();
        Assert.Equal(-1, run.Run(build, "Other", "Publish"));
        Assert.Empty(build.Ran);
        Assert.Contains("Target 'Publish' requires member 'ApiKey' to be not null or empty.", run.Output);
        Assert.Contains("Target 'Publish' requires 'Push || DryRun'.", run.Output);
        Assert.Matches(@"Other\s+NotRun", run.Output);
    }

    [Fact]
    public void Requirements_pass_when_given()
    {
        var build = new Requiring();
        Assert.Equal(0, run.Run(build, "Publish", "--api-key", "k", "--dry-run"));
        Assert.Equal(["Publish"], build.Ran);
    }

    class Async : Recording
    {
        Target Wait => _ => _.Executes(async () => { await Task.Delay(10); Ran.Add("Wait"); ReportSummary("Waited", "10 ms"); });
        Target Collect => _ => _.DependsOn(Wait);
    }

    [Fact]
    public void Async_actions_are_awaited_and_collective_targets_have_no_row()
    {
        var build = new Async();
        Assert.Equal(0, run.Run(build, "Collect"));
        Assert.Equal(["Wait"], build.Ran);
        // The duration is whatever the machine took (a loaded CI machine can stretch 10 ms past a second).
        Assert.Matches(@"Wait\s+Succeeded\s+(< 1sec|\d+:\d\d)   // Waited: 10 ms", run.Output);
        Assert.DoesNotMatch(@"\nCollect\s", run.Output);
    }

    class Unlisted : Recording
    {
        Target Hidden => _ => _.Unlisted().Executes(Record("Hidden"));
        Target Shown => _ => _.Description("Shown target").Executes(Record("Shown"));
    }

    [Fact]
    public void Unlisted_targets_are_hidden_from_help_but_invokable()
    {
        Assert.Equal(0, run.Run(new Unlisted(), "--help"));
        Assert.DoesNotContain("Hidden", run.Output);
        Assert.Contains("    Shown target", run.Output);
        var build = new Unlisted();
        Assert.Equal(0, run.Run(build, "hidden"));
        Assert.Equal(["Hidden"], build.Ran);
    }

    [Fact]
    public void Continue_skips_targets_that_succeeded_in_the_same_invocation()
    {
        Assert.Equal(-1, run.Run(new Failing(), "All"));
        var build = new Failing();
        Assert.Equal(-1, run.Run(build, "All", "--continue"));
        Assert.Empty(build.Ran);
        Assert.Matches(@"Prepare\s+Skipped", run.Output);
        Assert.Matches(@"Broken\s+Failed", run.Output);
    }

    class Resumable : Recording
    {
        public bool Fail = true;
        public string? Computed;
        Target Compute => _ => _.RerunOnContinue("the tags are computed again").Executes(() => { Computed = "tags"; Ran.Add("Compute"); });
        Target Expensive => _ => _.Executes(Record("Expensive"));
        Target Publish => _ => _.DependsOn(Compute, Expensive).Executes(() =>
        {
            if (Fail) throw new BuildError("push refused");
            Ran.Add("Publish " + Computed);
        });
    }

    [Fact]
    public void Continue_runs_a_RerunOnContinue_target_again_so_later_targets_have_its_results()
    {
        Assert.Equal(-1, run.Run(new Resumable(), "Publish"));
        var build = new Resumable { Fail = false };
        Assert.Equal(0, run.Run(build, "Publish", "--continue"));
        Assert.Equal(["Compute", "Publish tags"], build.Ran);
        Assert.Matches(@"Expensive\s+Skipped", run.Output);
    }

    class Interrupted : Recording
    {
        public CancellationTokenSource? Stop;
        Target Build => _ => _.Executes(() =>
        {
            Stop!.Cancel();
            throw new OperationCanceledException("interrupted");
        });
        Target Push => _ => _.DependsOn(Build).Executes(Record("Push"));
        Target Logout => _ => _.After(Push).AssuredAfterFailure().Executes(Record("Logout"));
        Target All => _ => _.DependsOn(Push, Logout);
    }

    [Fact]
    public void An_interruption_aborts_the_running_target_and_still_runs_assured_ones()
    {
        var build = new Interrupted { Stop = run.Interruption };
        Assert.Equal(130, run.Run(build, "All"));
        Assert.Equal(["Logout"], build.Ran);
        Assert.Matches(@"Build\s+Aborted", run.Output);
        Assert.Matches(@"Push\s+NotRun", run.Output);
        Assert.Contains("Interrupted by SIGINT: stopped Build; skipped Push, All; cleaned up with Logout.", run.Output);
    }
}
