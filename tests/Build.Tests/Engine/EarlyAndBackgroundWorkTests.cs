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
        Task NoteAsync(string what) { Note(what); return Task.CompletedTask; }

        /// <summary>Early work that takes a while (a docker probe): it notes when it has ended.</summary>
        async Task SlowAsync(string what)
        {
            await Task.Delay(300);
            Note(what);
        }

        Target First => _ => _.Executes(() => Note("First runs"));
        Target Probe => _ => _.DependsOn(First).StartsEarly(() => NoteAsync("Probe starts early")).Executes(() => Note("Probe runs"));
        Target Gated => _ => _.OnlyWhenStatic(() => Gate).StartsEarly(() => NoteAsync("Gated starts early")).Executes(() => Note("Gated runs"));
        Target Final => _ => _.DependsOn(Probe).Executes(() => Note("Final runs"));
        Target Refused => _ => _.Requires(() => Gate == false).StartsEarly(() => SlowAsync("Refused's probe ended")).Executes(() => Note("Refused runs"));
        Target Failing => _ => _.Executes(() => throw new BuildError("login refused"));
        Target AfterFailing => _ => _.DependsOn(Failing).StartsEarly(() => SlowAsync("AfterFailing's probe ended")).Executes(() => Note("AfterFailing runs"));
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
    public void Early_work_ends_before_a_run_that_a_requirement_or_an_earlier_target_stops()
    {
        // A command started early must not outlive the build, still writing into the folders the build cleans.
        var refused = new Early();
        Assert.NotEqual(0, run.Run(refused, "Refused"));
        Assert.Equal(["Refused's probe ended"], refused.Events);

        var failed = new Early();
        Assert.NotEqual(0, run.Run(failed, "AfterFailing"));
        Assert.Equal(["AfterFailing's probe ended"], failed.Events);
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
