using System.Reflection;

namespace Engine;

/// <summary>
/// Finds the <see cref="Target"/> properties of a build (its class members first, then the default-implemented
/// ones of its component interfaces), runs each definition and links the targets they refer to.
/// </summary>
static class TargetDiscovery
{
    const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static List<ExecutableTarget> Discover(INukeBuild build, IReadOnlyCollection<string> defaultTargets)
    {
        var delegates = new List<(string Name, Target Target)>();
        foreach (var property in TargetProperties(build.GetType()))
        {
            var name = ExpressionText.Simple(property.Name);
            if (delegates.Any(d => d.Name == name)) continue;
            delegates.Add((name, (Target)property.GetValue(build)!));
        }

        var targets = delegates.Select((d, i) => new ExecutableTarget(d.Name, i)).ToList();
        // A property returns a new delegate on each read, but always over the same compiler-generated method.
        var byMethod = new Dictionary<MethodInfo, ExecutableTarget>();
        for (var i = 0; i < targets.Count; i++)
            byMethod.TryAdd(delegates[i].Target.Method, targets[i]);
        ExecutableTarget? Find(Target t) => byMethod.GetValueOrDefault(t.Method);

        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var definition = new TargetDefinition(build);
            delegates[i].Target(definition);
            target.Description = definition.DescriptionText;
            target.Unlisted = definition.IsUnlisted;
            target.RefusesUnknownArguments = definition.RefusesUnknown;
            target.Produces.AddRange(definition.ProducedGlobs);
            target.IsDefault = defaultTargets.Contains(target.Name);
            target.Actions.AddRange(definition.Actions);
            target.Code.AddRange(definition.Code);
            target.StaticConditions.AddRange(definition.StaticConditions);
            target.DynamicConditions.AddRange(definition.DynamicConditions);
            target.MemberRequirements.AddRange(definition.MemberRequirements);
            target.ConditionRequirements.AddRange(definition.ConditionRequirements);
            target.WhenSkipped = definition.SkipBehavior;
            target.ProceedAfterFailure = definition.Proceeds;
            target.AssuredAfterFailure = definition.Assured;
            target.RerunReason = definition.RerunReason;
            target.Cleanup = definition.IsCleanup;
            target.EarlyStarts.AddRange(definition.EarlyStarts);
            target.Resolutions.AddRange(definition.Resolutions);

            // Both directions are normalised to "target depends on other"; unknown targets are ignored.
            foreach (var other in definition.DependsOnTargets.Select(Find)) Link(target, other, t => t.ExecutionDependencies);
            foreach (var other in definition.DependentForTargets.Select(Find)) Link(other, target, t => t.ExecutionDependencies);
            foreach (var other in definition.AfterTargets.Select(Find)) Link(target, other, t => t.OrderDependencies);
            foreach (var other in definition.BeforeTargets.Select(Find)) Link(other, target, t => t.OrderDependencies);
            foreach (var other in definition.TriggeredByTargets.Select(Find)) Link(target, other, t => t.TriggerDependencies);
            foreach (var other in definition.TriggersTargets.Select(Find)) Link(other, target, t => t.TriggerDependencies);
        }
        foreach (var target in targets)
            foreach (var source in target.TriggerDependencies)
                source.Triggers.Add(target);
        return targets;
    }

    /// <summary>Target properties in declaration order: the class hierarchy (base first), then its interfaces.</summary>
    public static IEnumerable<PropertyInfo> TargetProperties(Type buildType)
    {
        var classes = new List<Type>();
        for (var type = buildType; type != null && type != typeof(object); type = type.BaseType)
            classes.Insert(0, type);
        var own = classes.SelectMany(DeclaredTargets).Where(p => !p.Name.Contains('.'));
        var interfaces = buildType.GetInterfaces().SelectMany(DeclaredTargets);
        return own.Concat(interfaces);
    }

    static IEnumerable<PropertyInfo> DeclaredTargets(Type type) =>
        type.GetProperties(Members).Where(p => p.PropertyType == typeof(Target) && p.GetIndexParameters().Length == 0).OrderBy(p => p.MetadataToken);

    static void Link(ExecutableTarget? dependent, ExecutableTarget? dependency, Func<ExecutableTarget, List<ExecutableTarget>> list)
    {
        if (dependent == null || dependency == null) return;
        if (dependent == dependency) throw new BuildError($"Target '{dependent.Name}' cannot have a dependency on itself.");
        if (!list(dependent).Contains(dependency)) list(dependent).Add(dependency);
    }
}
