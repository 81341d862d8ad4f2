namespace Build.Tests.Engine;

/// <summary>
/// Resolves: what a target reads that takes I/O is resolved once, before the requirements, for the targets that will
/// run; conditions, requirements and getters then only read it. A skipped target's is not resolved; a failure is one line.
/// </summary>
public class ResolvedContextTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    class Context : NukeBuild
    {
        static readonly Once<string> Branch = new("the branch");
        public int Lookups;
        public List<string> Events { get; } = [];
        public bool Fails { get; set; }

        Task Resolve() => Once.ResolveAsync(Branch, async () =>
        {
            Interlocked.Increment(ref Lookups);
            await Task.Delay(10);
            return Fails ? throw new BuildError("git cannot read the branch.") : "main";
        });

        string BranchName => Once.Get(Branch);

        Target Tag => _ => _.Resolves(Resolve).Requires(() => BranchName).Executes(() => Events.Add("Tag " + BranchName));
        Target Push => _ => _.Resolves(Resolve).DependsOn(Tag).OnlyWhenDynamic(() => BranchName == "main").Executes(() => Events.Add("Push " + BranchName));
        Target Unresolved => _ => _.Executes(() => Events.Add("Unresolved " + BranchName));
        Target Pure => _ => _.Executes(() => Events.Add("Pure"));
        Target Report => _ => _.DependsOn(Tag).Executes(() => Events.Add("Report"));
        Target Gated => _ => _.Resolves(Resolve).OnlyWhenStatic(() => false).Executes(() => Events.Add("Gated"));
    }

    [Fact]
    public void Resolved_once_before_requirements_and_conditions_for_every_target_that_reads_it()
    {
        var build = new Context();
        Assert.Equal(0, run.Run(build, "Push"));
        Assert.Equal(["Tag main", "Push main"], build.Events);
        Assert.Equal(1, build.Lookups);
    }

    [Fact]
    public void A_skipped_target_and_a_plan_pay_nothing()
    {
        var build = new Context();
        Assert.Equal(0, run.Run(build, "Report", "--skip", "Tag"));
        Assert.Equal(0, run.Run(build, "Gated"));
        Assert.Equal(0, build.Lookups);
        Assert.Equal(0, run.Run(build, "Push", "--plan"));
        Assert.Equal(0, build.Lookups);
        Assert.Equal(0, run.Run(build, "Pure"));
        Assert.Equal(0, build.Lookups);
    }

    [Fact]
    public void A_failure_is_one_line_and_no_target_runs()
    {
        var build = new Context { Fails = true };
        Assert.NotEqual(0, run.Run(build, "Push"));
        Assert.Empty(build.Events);
        Assert.Contains("git cannot read the branch.", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void Reading_what_no_target_resolved_names_the_value_and_the_fix()
    {
        var build = new Context();
        Assert.NotEqual(0, run.Run(build, "Unresolved"));
        Assert.Contains("the branch is read before it was resolved", run.Output);
    }
}
