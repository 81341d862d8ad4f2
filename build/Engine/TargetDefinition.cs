using System.Linq.Expressions;

namespace Engine;

/// <summary>Records what a <see cref="Target"/> delegate declares; <see cref="TargetDiscovery"/> resolves it.</summary>
sealed class TargetDefinition(object build) : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<Func<Task>> Actions { get; } = [];
    /// <summary>The delegates given to Executes, for <see cref="MemberReads"/>.</summary>
    public List<Delegate> Code { get; } = [];
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<Check> StaticConditions { get; } = [];
    public List<Check> DynamicConditions { get; } = [];
    public List<Check> MemberRequirements { get; } = [];
    public List<Check> ConditionRequirements { get; } = [];
    public DependencyBehavior SkipBehavior { get; private set; } = DependencyBehavior.Skip;
    public bool Proceeds { get; private set; }
    public bool Assured { get; private set; }
    public bool IsUnlisted { get; private set; }
    public bool RefusesUnknown { get; private set; }
    public List<string> ProducedGlobs { get; } = [];
    public string? RerunReason { get; private set; }
    public bool IsCleanup { get; private set; }
    public List<Func<Task>> EarlyStarts { get; } = [];
    public List<Func<Task>> Resolutions { get; } = [];

    public ITargetDefinition Description(string description) => Do(() => DescriptionText = description);
    public ITargetDefinition Executes(Action action) => Do(() => { Code.Add(action); Actions.Add(() => { action(); return Task.CompletedTask; }); });
    public ITargetDefinition Executes(Func<Task> action) => Do(() => { Code.Add(action); Actions.Add(action); });
    public ITargetDefinition DependsOn(params Target[] targets) => Do(() => DependsOnTargets.AddRange(targets));
    public ITargetDefinition DependentFor(params Target[] targets) => Do(() => DependentForTargets.AddRange(targets));
    public ITargetDefinition After(params Target[] targets) => Do(() => AfterTargets.AddRange(targets));
    public ITargetDefinition Before(params Target[] targets) => Do(() => BeforeTargets.AddRange(targets));
    public ITargetDefinition TryDependsOn<T>(Func<T, Target> target) where T : class => Do(() => DependsOnTargets.AddRange(Of(target)));
    public ITargetDefinition TryDependentFor<T>(Func<T, Target> target) where T : class => Do(() => DependentForTargets.AddRange(Of(target)));
    public ITargetDefinition TryAfter<T>(Func<T, Target> target) where T : class => Do(() => AfterTargets.AddRange(Of(target)));
    public ITargetDefinition TryBefore<T>(Func<T, Target> target) where T : class => Do(() => BeforeTargets.AddRange(Of(target)));
    public ITargetDefinition Triggers(params Target[] targets) => Do(() => TriggersTargets.AddRange(targets));
    public ITargetDefinition TriggeredBy(params Target[] targets) => Do(() => TriggeredByTargets.AddRange(targets));
    public ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition) => Do(() => StaticConditions.Add(ToCheck(condition)));
    public ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition) => Do(() => DynamicConditions.Add(ToCheck(condition)));
    public ITargetDefinition WhenSkipped(DependencyBehavior behavior) => Do(() => SkipBehavior = behavior);
    public ITargetDefinition Requires(Expression<Func<object?>> member) => Do(() => MemberRequirements.Add(ToCheck(member)));
    public ITargetDefinition Requires(Expression<Func<bool>> condition) => Do(() => ConditionRequirements.Add(ToCheck(condition)));
    public ITargetDefinition ProceedAfterFailure() => Do(() => Proceeds = true);
    public ITargetDefinition AssuredAfterFailure() => Do(() => Assured = true);
    public ITargetDefinition AssuredCleanup() => Do(() => Assured = IsCleanup = true);
    public ITargetDefinition Unlisted() => Do(() => IsUnlisted = true);
    public ITargetDefinition Produces(params string[] globs) => Do(() => ProducedGlobs.AddRange(globs));
    public ITargetDefinition RefusesUnknownArguments() => Do(() => RefusesUnknown = true);
    public ITargetDefinition RerunOnContinue(string reason) => Do(() => RerunReason = reason);
    public ITargetDefinition StartsEarly(Func<Task> start) => Do(() => EarlyStarts.Add(start));
    public ITargetDefinition Resolves(Func<Task> resolve) => Do(() => Resolutions.Add(resolve));

    /// <summary>The target when the build implements <typeparamref name="T"/>; none otherwise.</summary>
    Target[] Of<T>(Func<T, Target> target) where T : class => build is T component ? [target(component)] : [];

    ITargetDefinition Do(Action change)
    {
        change();
        return this;
    }

    /// <summary>Compiled on first use, interpreted: a condition runs once, and --help needs none of them.</summary>
    static Check ToCheck<T>(Expression<Func<T>> expression)
    {
        Func<T>? compiled = null;
        return new Check(ExpressionText.Of(expression.Body), () => (compiled ??= expression.Compile(preferInterpretation: true))());
    }
}
