using Publishing;
using global::Workflows;

namespace Build.Tests.Publishing;

/// <summary>What CI's first job (CheckInputs) tells the platform and merge jobs, and how the generator joins conditions.</summary>
public class InputsDecisionTests
{
    static readonly InputFingerprint Inputs = new("sha256:inputs", [new BaseImageDigest("ghcr.io/mlflow/mlflow:v3.1.1", "sha256:base")]);

    static InputsUnchanged Held(params (string Tag, string? Digest)[] tags) =>
        new(Inputs, new TagBefore("main", "sha256:index", null), tags.Select(t => new TagBefore(t.Tag, t.Digest, null)).ToList());

    [Fact]
    public void Unchanged_with_every_tag_in_place_runs_neither_the_platform_jobs_nor_the_merge_job()
    {
        var decision = InputsDecision.For(Held(("main", "sha256:index"), ("latest", "sha256:index")));
        Assert.Equal((false, false), (decision.Build, decision.Merge));
        Assert.Equal(["false", "false", "sha256:inputs", "sha256:index", "unchanged: every tag is in place"], decision.Outputs.Select(o => o.Value));
        Assert.Equal("Unchanged: r/m@sha256:index already carries inputs sha256:inputs (base sha256:base); every tag is in place: the platform and merge jobs are skipped.",
            decision.Line("r/m"));
    }

    [Fact]
    public void Unchanged_with_a_tag_missing_or_moved_runs_the_merge_job_only()
    {
        var decision = InputsDecision.For(Held(("main", "sha256:index"), ("latest", null), ("sha-abc1234", "sha256:other")));
        Assert.Equal((false, true), (decision.Build, decision.Merge));
        Assert.Equal("latest, sha-abc1234 move back to it without a build", decision.Reason);
        Assert.Contains("the merge job runs, the platform jobs are skipped", decision.ToMarkdown("r/m"));
    }

    [Fact]
    public void Building_runs_everything_and_says_why()
    {
        var decision = InputsDecision.Building("--force");
        Assert.Equal((true, true), (decision.Build, decision.Merge));
        Assert.Equal(["true", "true", "", "", "--force"], decision.Outputs.Select(o => o.Value));
        Assert.Equal("### Inputs\n\n**Building**: --force.\n", decision.ToMarkdown("r/m"));
    }

    [Theory]
    [InlineData(new[] { "a == 'x'", "b" }, "a == 'x' && b")]
    [InlineData(new[] { "a || b", "c" }, "(a || b) && c")]
    [InlineData(new[] { "(a || b) && c", "d" }, "(a || b) && c && d")]
    [InlineData(new[] { "a == '||'", "d" }, "a == '||' && d")]
    [InlineData(new[] { "!cancelled()", null, "x" }, "!cancelled() && x")]
    public void Conditions_join_with_parentheses_only_where_an_or_needs_them(string?[] parts, string joined) =>
        Assert.Equal(joined, WorkflowCondition.And(parts));

    [Fact]
    public void No_condition_joins_to_none() => Assert.Null(WorkflowCondition.And(null, " "));
}
