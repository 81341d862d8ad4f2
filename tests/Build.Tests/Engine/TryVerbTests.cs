namespace Build.Tests.Engine;

/// <summary>
/// TryDependsOn/TryAfter/TryBefore name a target of another component only when the build has that component,
/// so a component can order itself against an optional one without a type test in its definition.
/// </summary>
public class TryVerbTests
{
    static string Plan(NukeBuild build, params string[] invoked)
    {
        var targets = TargetDiscovery.Discover(build, ["A"]);
        var plan = ExecutionPlanner.Plan(targets, invoked.Select(n => targets.Single(t => t.Name == n)).ToList());
        return string.Join(",", plan.Select(t => t.Name));
    }

    interface IHasA : INukeBuild
    {
        Target A => _ => _.TryDependsOn<IHasB>(x => x.B).TryAfter<IHasC>(x => x.C).TryBefore<IHasD>(x => x.D);
    }

    interface IHasB : INukeBuild { Target B => _ => _; }
    interface IHasC : INukeBuild { Target C => _ => _; }
    interface IHasD : INukeBuild { Target D => _ => _; }

    class OnlyA : NukeBuild, IHasA;
    class All : NukeBuild, IHasA, IHasB, IHasC, IHasD;

    [Fact]
    public void Without_the_other_components_the_verbs_add_nothing() => Assert.Equal("A", Plan(new OnlyA(), "A"));

    [Fact]
    public void With_them_the_verbs_act_as_DependsOn_After_and_Before()
    {
        Assert.Equal("B,A", Plan(new All(), "A"));
        Assert.Equal("C,B,A", Plan(new All(), "A", "C"));
        Assert.Equal("B,A,D", Plan(new All(), "D", "A"));
    }
}
