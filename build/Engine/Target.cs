using System.Linq.Expressions;

namespace Engine;

/// <summary>A target: a function that completes the definition it is given (NUKE's model).</summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);

/// <summary>What happens to a skipped target's dependencies.</summary>
public enum DependencyBehavior
{
    /// <summary>Skip dependencies that nothing else still needs (the default).</summary>
    Skip,
    /// <summary>Run them anyway.</summary>
    Execute,
}

/// <summary>The verbs a target definition offers; every call returns the same definition.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);
    ITargetDefinition Executes(Action action);
    ITargetDefinition Executes(Func<Task> action);
    ITargetDefinition DependsOn(params Target[] targets);
    ITargetDefinition DependentFor(params Target[] targets);
    ITargetDefinition After(params Target[] targets);
    ITargetDefinition Before(params Target[] targets);
    /// <summary>DependsOn a target of component <typeparamref name="T"/> when the build has it, else nothing.</summary>
    ITargetDefinition TryDependsOn<T>(Func<T, Target> target) where T : class;
    /// <summary>DependentFor a target of component <typeparamref name="T"/> when the build has it, else nothing.</summary>
    ITargetDefinition TryDependentFor<T>(Func<T, Target> target) where T : class;
    /// <summary>After a target of component <typeparamref name="T"/> when the build has it, else nothing.</summary>
    ITargetDefinition TryAfter<T>(Func<T, Target> target) where T : class;
    /// <summary>Before a target of component <typeparamref name="T"/> when the build has it, else nothing.</summary>
    ITargetDefinition TryBefore<T>(Func<T, Target> target) where T : class;
    ITargetDefinition Triggers(params Target[] targets);
    ITargetDefinition TriggeredBy(params Target[] targets);
    ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition);
    ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition);
    ITargetDefinition WhenSkipped(DependencyBehavior behavior);
    /// <summary>A member that must not be null or empty: <c>Requires(() => ApiKey)</c>.</summary>
    ITargetDefinition Requires(Expression<Func<object?>> member);
    /// <summary>A condition that must hold: <c>Requires(() => Push || DryRun)</c>.</summary>
    ITargetDefinition Requires(Expression<Func<bool>> condition);
    ITargetDefinition ProceedAfterFailure();
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Assured after a failure, and still run when a second Ctrl-C/SIGTERM cuts the rest short (logouts, temporary tags).</summary>
    ITargetDefinition AssuredCleanup();
    ITargetDefinition Unlisted();
    /// <summary>Files this target writes (globs under the root): a generated workflow uploads them as artifacts, as in NUKE.</summary>
    ITargetDefinition Produces(params string[] globs);
    /// <summary>
    /// Ours, not NUKE's: an argument or parameters-file key that matches no parameter (a warning in NUKE) stops this
    /// target before it starts. For targets that push or delete: a misspelt parameter must not change what they do.
    /// </summary>
    ITargetDefinition RefusesUnknownArguments();
    /// <summary>
    /// Ours, not NUKE's: --continue runs this target again instead of skipping it because it succeeded before, and
    /// says so with <paramref name="reason"/> ("Login: rerun on --continue (reason)"). For cheap, side-effect-free or
    /// idempotent targets whose results later targets read (NUKE restores no state).
    /// </summary>
    ITargetDefinition RerunOnContinue(string reason);
    /// <summary>
    /// Ours, not NUKE's: <paramref name="start"/> runs once when the targets start, if this target is scheduled to run,
    /// so that read-only work (a probe, a lookup) can proceed while earlier targets run. It only starts work, kept
    /// in a <see cref="Once{T}"/> the target awaits; if it throws, the target computes the work itself. The task it
    /// returns is awaited (at most 10 s) before the run ends, whatever ends it (a failed requirement, an earlier target's failure):
    /// no command started early outlives the build or its temporary folder.
    /// </summary>
    ITargetDefinition StartsEarly(Func<Task> start);
    /// <summary>
    /// Ours, not NUKE's: what this target reads that takes I/O to find (git, a credential helper, the network),
    /// resolved into a <see cref="Once{T}"/> with <see cref="RunOnce.ResolveAsync{T}"/>. The engine awaits it once
    /// before the requirements are checked, for every target that is going to run, so that conditions,
    /// requirements and getters only read what is resolved; a target skipped by --skip or a static condition
    /// does not pay for it. A <see cref="BuildError"/> it throws ends the run with its line, like a requirement.
    /// </summary>
    ITargetDefinition Resolves(Func<Task> resolve);
}
