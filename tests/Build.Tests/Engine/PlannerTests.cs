namespace Build.Tests.Engine;

/// <summary>
/// NUKE's planner rules: dependencies first, then trigger order; unrelated targets in reverse declaration order.
/// Here declaration order is A, B, C and A is the default target.
/// </summary>
public class PlannerTests
{
    static string Plan(NukeBuild build, params string[] invoked)
    {
        var targets = TargetDiscovery.Discover(build, ["A"]);
        var plan = ExecutionPlanner.Plan(targets, invoked.Select(n => targets.Single(t => t.Name == n)).ToList());
        return string.Join(",", plan.Select(t => t.Name));
    }

    class Independent : NukeBuild
    {
        Target A => _ => _.Executes(() => { });
        Target B => _ => _.Executes(() => { });
        Target C => _ => _.Executes(() => { });
    }

    [Fact]
    public void Nothing_invoked_plans_the_default_target() => Assert.Equal("A", Plan(new Independent()));

    [Fact]
    public void Unrelated_invoked_targets_run_in_reverse_declaration_order_whatever_the_command_line_order()
    {
        Assert.Equal("C,B", Plan(new Independent(), "B", "C"));
        Assert.Equal("C,B", Plan(new Independent(), "C", "B"));
    }

    class Chain : NukeBuild
    {
        Target A => _ => _.DependsOn(B);
        Target B => _ => _.DependsOn(C);
        Target C => _ => _;
    }

    [Fact]
    public void Dependencies_come_first() => Assert.Equal("C,B,A", Plan(new Chain()));

    class TriggerChain : NukeBuild
    {
        Target A => _ => _.Triggers(B);
        Target B => _ => _.Triggers(C);
        Target C => _ => _;
    }

    [Fact]
    public void Triggers_are_added_after_their_source() => Assert.Equal("A,B,C", Plan(new TriggerChain()));

    class DependsTriggersAfter : NukeBuild
    {
        Target A => _ => _.DependsOn(B);
        Target B => _ => _.Triggers(C);
        Target C => _ => _.After(A);
    }

    [Fact]
    public void A_triggered_target_ordered_after_the_invoked_one_runs_last() => Assert.Equal("B,A,C", Plan(new DependsTriggersAfter()));

    class BothAfterA : NukeBuild
    {
        Target A => _ => _;
        Target B => _ => _.After(A);
        Target C => _ => _.After(A);
    }

    [Fact]
    public void Ordering_puts_A_first_whatever_the_invocation_order() => Assert.StartsWith("A,", Plan(new BothAfterA(), "B", "A", "C"));

    [Fact]
    public void Ordering_alone_pulls_nothing_in() => Assert.Equal("B", Plan(new BothAfterA(), "B"));

    class FromTheOtherSide : NukeBuild
    {
        Target A => _ => _;
        Target B => _ => _.DependentFor(A).TriggeredBy(C);
        Target C => _ => _.Before(B);
    }

    [Fact]
    public void DependentFor_and_TriggeredBy_are_dependencies_defined_from_the_other_side()
    {
        Assert.Equal("B,A", Plan(new FromTheOtherSide()));
        Assert.Equal("C,B", Plan(new FromTheOtherSide(), "C"));
    }

    class Outside : NukeBuild
    {
        static Target Elsewhere => _ => _;
        Target A => _ => _.DependsOn(Elsewhere).Triggers(Elsewhere);
    }

    [Fact]
    public void References_to_targets_outside_the_build_are_ignored() => Assert.Equal("A", Plan(new Outside()));

    class Cycle : NukeBuild
    {
        Target A => _ => _.DependsOn(C);
        Target B => _ => _.DependsOn(A);
        Target C => _ => _.After(B);
        Target D => _ => _;
    }

    [Fact]
    public void A_cycle_is_reported_with_its_members()
    {
        var error = Assert.Throws<BuildError>(() => Plan(new Cycle()));
        Assert.Equal("Circular dependencies between targets: A, B, C", error.Message);
    }

    class SelfReference : NukeBuild
    {
        Target A => _ => _.DependsOn(A);
    }

    [Fact]
    public void A_target_cannot_depend_on_itself() =>
        Assert.Equal("Target 'A' cannot have a dependency on itself.", Assert.Throws<BuildError>(() => Plan(new SelfReference())).Message);

    [Fact]
    public void Plan_reasons_say_why_each_target_is_in()
    {
        var targets = TargetDiscovery.Discover(new DependsTriggersAfter(), ["A"]);
        var plan = ExecutionPlanner.Plan(targets, []);
        Assert.Equal(["dependency of A", "default target", "triggered by B"], plan.Select(t => t.PlanReason));
    }

    interface IPack : INukeBuild
    {
        Target Restore => _ => _;
        Target Pack => _ => _.DependsOn(Restore).Description("from the component");
    }

    interface ITest : IPack
    {
        Target Test => _ => _.DependsOn(Pack);
    }

    class Composed : NukeBuild, ITest
    {
        Target Compile => _ => _;
        Target IPack.Pack => _ => _.DependsOn(Compile).Description("overridden");
    }

    [Fact]
    public void Component_targets_are_discovered_after_class_targets_and_explicit_implementations_keep_the_plain_name()
    {
        var targets = TargetDiscovery.Discover(new Composed(), []);
        Assert.Equal("Compile", targets[0].Name);
        Assert.Equal(["Compile", "Pack", "Restore", "Test"], targets.Select(t => t.Name).Order());
        var pack = targets.Single(t => t.Name == "Pack");
        Assert.Equal("overridden", pack.Description);
        Assert.Equal(["Compile"], pack.ExecutionDependencies.Select(d => d.Name));
        Assert.Equal("Compile,Pack,Test", Plan(new Composed(), "Test"));
    }
}
