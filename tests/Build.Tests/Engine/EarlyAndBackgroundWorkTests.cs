namespace Build.Tests.Engine;

/// <summary>
/// StartsEarly (work a target starts when the targets start, only if it will run) and Background (work a target
/// leaves running: finished before the first cleanup target and before the run reports; a failure is a warning).
/// </summary>
public class EarlyAndBackgroundWorkTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    class Early : NukeBuild
    {
        public List<string> Events { get; } = [];
        public bool Gate { get; set; } = true;
        void Note(string what) { lock (Events) Events.Add(what); }

        Target First => _ => _.Executes(() => Note("First runs"));
        Target Probe => _ => _.DependsOn(First).StartsEarly(() => Note("Probe starts early")).Executes(() => Note("Probe runs"));
        Target Gated => _ => _.OnlyWhenStatic(() => Gate).StartsEarly(() => Note("Gated starts early")).Executes(() => Note("Gated runs"));
        Target Final => _ => _.DependsOn(Probe).Executes(() => Note("Final runs"));
        Target Throwing => _ => _.StartsEarly(() => throw new InvalidOperationException("no docker")).Executes(() => Note("Throwing runs"));
    }

    [Fact]
    public void Early_work_starts_before_the_first_target_for_targets_that_will_run()
    {
        var build = new Early { Gate = false };
        Assert.Equal(0, run.Run(build, "Probe", "Gated"));
        Assert.Equal(["Probe starts early", "First runs", "Probe runs"], build.Events);
    }

    [Fact]
    public void Early_work_that_throws_leaves_the_target_to_do_it_itself()
    {
        var build = new Early();
        Assert.Equal(0, run.Run(build, "Throwing"));
        Assert.Equal(["Throwing runs"], build.Events);
    }

    [Fact]
    public void Plan_and_help_start_no_early_work()
    {
        var build = new Early();
        Assert.Equal(0, run.Run(build, "Probe", "--plan"));
        Assert.Equal(0, run.Run(build, "--help"));
        Assert.Empty(build.Events);
    }

    [Fact]
    public void A_skipped_target_starts_no_early_work()
    {
        var build = new Early();
        Assert.Equal(0, run.Run(build, "Final", "--skip", "Probe"));
        // First only served Probe, so it is skipped too.
        Assert.Equal(["Final runs"], build.Events);
    }

    class Leaving : NukeBuild
    {
        public List<string> Events { get; } = [];
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        void Note(string what) { lock (Events) Events.Add(what); }

        Target Build => _ => _.Triggers(Logout).Executes(() => Background.Start("Tidying the local store", async () =>
        {
            await Release.Task;
            Note("tidied");
        }));
        Target Merge => _ => _.After(Build).Executes(() => { Note("Merge runs while tidying"); Release.SetResult(); });
        Target Logout => _ => _.AssuredCleanup().After(Merge).Executes(() => Note("Logout"));
        Target Failing => _ => _.Executes(() => Background.Start("Renaming the image", () => Task.FromException(new BuildError("no such image"))));
    }

    [Fact]
    public void Background_work_overlaps_the_next_target_and_ends_before_cleanup()
    {
        var build = new Leaving();
        Assert.Equal(0, run.Run(build, "Build", "Merge"));
        Assert.Equal(["Merge runs while tidying", "tidied", "Logout"], build.Events);
    }

    [Fact]
    public void Background_work_is_finished_before_the_run_reports_and_a_failure_is_a_warning()
    {
        var build = new Leaving();
        Assert.Equal(0, run.Run(build, "Failing"));
        Assert.Contains("Renaming the image did not finish: no such image", run.Output);
        Assert.Matches(@"Failing\s+Succeeded", run.Output);
    }
}
