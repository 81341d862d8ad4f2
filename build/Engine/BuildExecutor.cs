using System.Diagnostics;

namespace Engine;

/// <summary>
/// Runs a plan the NUKE way: --skip marks, static conditions, requirements, then each target in order
/// (dynamic conditions right before it); after a failure only assured targets still run.
/// </summary>
static class BuildExecutor
{
    /// <summary>Marks skipped targets before anything runs: --skip (null = not given, empty = bare) and static conditions.</summary>
    public static void MarkSkipped(IReadOnlyList<ExecutableTarget> plan, string[]? skip)
    {
        foreach (var target in plan) target.Status = TargetStatus.Scheduled;
        if (skip != null)
            foreach (var target in plan.Where(t => skip.Length == 0 ? !t.Invoked : skip.Any(s => Names.Same(s, t.Name))).ToList())
                Skip(plan, target, skip.Length == 0 && TriggeredBy(plan, target) is { } source ? $"because of {source.Name}" : "via parameter");
        foreach (var target in plan)
        {
            var violated = Violated(target, target.StaticConditions);
            if (violated == null) continue;
            target.SkipReason ??= "OnlyWhen: " + violated;
            Skip(plan, target, target.SkipReason);
        }
    }

    /// <summary>
    /// The requirement failures of still-scheduled targets, one message each. <paramref name="parameterOf"/> gives the
    /// parameter a required member is read from (its [Parameter] Name, or null): NUKE names that, not the C# member.
    /// </summary>
    public static List<string> CheckRequirements(IReadOnlyList<ExecutableTarget> plan, Func<string, string?>? parameterOf = null)
    {
        var failures = new List<string>();
        foreach (var target in plan.Where(t => t.Status == TargetStatus.Scheduled && t.SkipReason == null))
        {
            foreach (var member in target.MemberRequirements)
                if (IsEmpty(member.Evaluate()))
                    failures.Add(parameterOf?.Invoke(member.Text) is { } parameter
                        ? $"Target '{target.Name}' requires member '{parameter}' to be not null or empty. Pass --{Names.Kebab(parameter)}."
                        : $"Target '{target.Name}' requires member '{member.Text}' to be not null or empty.");
            foreach (var condition in target.ConditionRequirements)
                if (condition.Evaluate() is not true)
                    failures.Add($"Target '{target.Name}' requires '{condition.Text}'.");
        }
        return failures;
    }

    /// <summary>
    /// Runs the scheduled targets; <paramref name="succeededBefore"/> are skipped (--continue). After a failure
    /// or once <paramref name="cancel"/> fires (Ctrl-C), only assured targets still run; a target that fails
    /// while cancelling counts as Aborted.
    /// </summary>
    public static void Run(IReadOnlyList<ExecutableTarget> plan, ISet<string> succeededBefore, Action<ExecutableTarget> succeeded, Interruption? interruption = null,
        BackgroundWork? background = null)
    {
        var cancel = interruption?.Requested ?? default;
        var stopped = false;
        foreach (var target in plan)
        {
            stopped |= cancel.IsCancellationRequested;
            if (target.Status != TargetStatus.Scheduled || (stopped && !target.AssuredAfterFailure)) continue;
            // A second signal: what is left is the bare cleanup.
            if (interruption?.Hurried == true && !target.Cleanup) continue;
            var rerun = succeededBefore.Contains(target.Name);
            if (target.SkipReason != null || (rerun && target.RerunReason == null))
            {
                target.Status = TargetStatus.Skipped;
                continue;
            }
            string? violated;
            try
            {
                violated = Violated(target, target.DynamicConditions);
            }
            catch (Exception e)
            {
                Fail(target, new BuildError($"Invocation of condition for {target.Name} has thrown an exception: {e.Message}", e));
                stopped |= !target.ProceedAfterFailure;
                continue;
            }
            if (violated != null)
            {
                target.SkipReason = "OnlyWhen: " + violated;
                target.Status = TargetStatus.Skipped;
                foreach (var triggered in target.Triggers.Where(plan.Contains))
                    Skip(plan, triggered, $"because of {target.Name}");
                continue;
            }
            if (target.Actions.Count == 0)
            {
                target.Status = TargetStatus.Collective;
                continue;
            }
            // Cleanup (a logout, staging tags) undoes what the run set up: what it left running finishes first.
            if (target.Cleanup) background?.WaitAll();
            if (interruption is not null) interruption.InCleanup = target.Cleanup;
            var done = Execute(target, rerun ? $"{target.Name}: rerun on --continue ({target.RerunReason})" : null);
            if (interruption is not null) interruption.InCleanup = false;
            if (done) succeeded(target);
            else if (cancel.IsCancellationRequested) target.Status = TargetStatus.Aborted;
            else stopped |= !target.ProceedAfterFailure;
        }
        background?.WaitAll();
        foreach (var target in plan.Where(t => t.Status == TargetStatus.Scheduled))
            target.Status = TargetStatus.NotRun;
    }

    /// <summary>
    /// Awaits the <see cref="ExecutableTarget.Resolutions"/> of every target that is going to run, in plan order (each
    /// resolves into a <see cref="Once{T}"/>, so a value two targets read is found once). The failures, one line each:
    /// after the first, nothing more is resolved.
    /// </summary>
    public static List<string> Resolve(IReadOnlyList<ExecutableTarget> plan)
    {
        foreach (var target in plan.Where(t => t.Status == TargetStatus.Scheduled && t.SkipReason == null))
            foreach (var resolve in target.Resolutions)
            {
                // The engine's one other wait on a task besides Execute: Main is synchronous, as in NUKE.
                try { resolve().GetAwaiter().GetResult(); }
                catch (BuildError e) { return [e.Message]; }
            }
        return [];
    }

    /// <summary>
    /// Runs the <see cref="ExecutableTarget.EarlyStarts"/> of every target that is going to run (as far as the plan
    /// tells: a dynamic condition, a failed requirement or --continue may still skip it; early work is read-only, so
    /// that costs nothing but the work). A start that throws is left to the target itself. Returns what started,
    /// for <see cref="FinishEarly"/>.
    /// </summary>
    public static List<Task> StartEarly(IReadOnlyList<ExecutableTarget> plan)
    {
        var started = new List<Task>();
        foreach (var target in plan.Where(t => t.Status == TargetStatus.Scheduled && t.SkipReason == null))
            foreach (var start in target.EarlyStarts)
            {
                try { started.Add(start()); }
                catch (Exception e) { Log.Verbose($"{target.Name} could not start early ({e.Message}); it starts when it runs."); }
            }
        return started;
    }

    /// <summary>
    /// Waits, at most <paramref name="bound"/>, for the early work still running when the run ends (a requirement or
    /// an earlier target failed before the target that awaits it ran): a command started early must not outlive the
    /// build, still writing into its folders. Its failures are the target's to report, and it did not run: ignored.
    /// </summary>
    public static void FinishEarly(IReadOnlyCollection<Task> started, TimeSpan bound)
    {
        if (started.All(t => t.IsCompleted)) return;
        var all = Task.WhenAll(started.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        if (!all.Wait(bound))
            Log.Warning($"Work started early (a probe) is still running after {bound.TotalSeconds:0} s; the run ends without waiting for it.");
    }

    static bool Execute(ExecutableTarget target, string? rerun)
    {
        BuildOutput.TargetHeader(target.Name);
        target.Status = TargetStatus.Running;
        var sink = Log.Sink;
        if (sink != null) sink.CurrentTarget = target.Name;
        if (rerun != null)
        {
            Log.Information(rerun);
            target.Summary.Add(new("Rerun on --continue", target.RerunReason!));
        }
        var watch = Stopwatch.StartNew();
        try
        {
            foreach (var action in target.Actions)
                action().GetAwaiter().GetResult();
            target.Status = TargetStatus.Succeeded;
            return true;
        }
        catch (Exception e)
        {
            Fail(target, e);
            return false;
        }
        finally
        {
            target.Duration = watch.Elapsed;
            if (sink != null) sink.CurrentTarget = null;
            BuildOutput.TargetFooter(target.Name);
        }
    }

    static void Fail(ExecutableTarget target, Exception exception)
    {
        target.Status = TargetStatus.Failed;
        // A file-system fault (full disk, unwritable or missing folder) is the machine's state, not a bug: one line too.
        var error = exception as BuildError ?? exception.InnerException as BuildError
            ?? (exception is IOException or UnauthorizedAccessException ? new BuildError("File system: " + exception.Message, exception) : null);
        var firstLine = (error ?? exception).Message.Split('\n')[0].Trim();
        if (target.Summary.Count == 0)
            target.Summary.Add(new(error != null ? "Error" : exception.GetType().Name, firstLine));
        // A BuildError is the user's to fix: one line. Anything else is a bug: the whole exception.
        Log.Error(error != null ? $"Target {target.Name} failed: {error.Message}" : $"Target {target.Name} has thrown an exception: {exception}");
    }

    /// <summary>Marks a target skipped and, unless it says otherwise, what only it needed (NUKE's cascade).</summary>
    static void Skip(IReadOnlyList<ExecutableTarget> plan, ExecutableTarget target, string reason)
    {
        if (target.Status != TargetStatus.Scheduled || target.Invoked) return;
        target.Status = TargetStatus.Skipped;
        target.SkipReason ??= reason;
        if (target.WhenSkipped == DependencyBehavior.Execute) return;
        foreach (var needed in target.ExecutionDependencies.Concat(target.Triggers).Where(plan.Contains).ToList())
        {
            var stillNeeded = plan.Any(other => other.Status == TargetStatus.Scheduled
                && (other.ExecutionDependencies.Contains(needed) || other.Triggers.Contains(needed)));
            if (!stillNeeded) Skip(plan, needed, $"because of {target.Name}");
        }
    }

    /// <summary>
    /// The planned target that brought a triggered one into the plan. A bare --skip reports its triggered targets
    /// (Login → Logout) "because of" that target, as NUKE does, rather than as named by the parameter.
    /// </summary>
    static ExecutableTarget? TriggeredBy(IReadOnlyList<ExecutableTarget> plan, ExecutableTarget target) =>
        plan.Any(t => t.ExecutionDependencies.Contains(target)) ? null : target.TriggerDependencies.FirstOrDefault(plan.Contains);

    static string? Violated(ExecutableTarget target, List<Check> conditions)
    {
        var violated = conditions.Where(c => c.Evaluate() is not true).Select(c => c.Text).ToList();
        return violated.Count == 0 ? null : string.Join(" && ", violated);
    }

    static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        Secret secret => secret.IsEmpty,
        Array array => array.Length == 0,
        _ => false,
    };
}
