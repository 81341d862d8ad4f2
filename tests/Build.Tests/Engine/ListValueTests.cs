namespace Build.Tests.Engine;

/// <summary>
/// List values that start with '-': `--name=value` and `--name -- ...` pass them; a token that names no parameter among
/// a list's values ends the run with one line naming the list instead of silently dropping it and what follows.
/// </summary>
public class ListValueTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    class WithLists : NukeBuild
    {
        [Parameter("Labels")] public readonly string[]? Labels;
        [Parameter("Registry")] public readonly string? Registry;
        public static WithLists? Last;
        Target Show => _ => _.Executes(() => Last = this);
    }

    [Fact]
    public void An_equals_sign_gives_the_first_value_and_later_tokens_follow_it()
    {
        var line = new CommandLine(["Tag", "--labels=-dash=6", "~tilde=7", "--registry=r", "--image-name", "x"]);
        Assert.Equal(["-dash=6", "~tilde=7"], line.Values("labels")!);
        Assert.Equal(["r"], line.Values("registry")!);
        Assert.Equal(["x"], line.Values("imagename")!);
        Assert.Equal(["Tag"], line.Positional);
    }

    [Fact]
    public void A_double_dash_makes_every_later_token_a_value()
    {
        var line = new CommandLine(["Tag", "--skip", "--labels", "a=1", "--", "-dash=6", "--tilde=7", "-nightly"]);
        Assert.Equal(["a=1", "-dash=6", "--tilde=7", "-nightly"], line.Values("labels")!);
        Assert.Equal([], line.Values("skip")!);
        Assert.Equal(["-x"], new CommandLine(["--labels", "--", "-x"]).Values("labels")!);
    }

    [Fact]
    public void Both_forms_reach_the_parameter()
    {
        Assert.Equal(0, run.Run(new WithLists(), ["Show"], ["--labels=-dash=6", "~tilde=7", "--no-logo"]));
        Assert.Equal(["-dash=6", "~tilde=7"], WithLists.Last!.Labels!);
        Assert.Equal(0, run.Run(new WithLists(), ["Show"], ["--registry", "r", "--labels", "--", "-dash=6", "-e"]));
        Assert.Equal(["-dash=6", "-e"], WithLists.Last!.Labels!);
        Assert.Equal("r", WithLists.Last!.Registry);
    }

    [Fact]
    public void An_unknown_token_among_a_lists_values_ends_the_run_with_one_line_naming_the_list()
    {
        WithLists.Last = null;
        Assert.NotEqual(0, run.Run(new WithLists(), ["Show"], ["--labels", "a=1", "-dash=6", "~tilde=7", "--no-logo"]));
        Assert.True(run.Output.Contains("'-dash=6' after --labels names no parameter, and the values after it would be lost: a value of --labels that starts with '-' "
            + "is written --labels=-dash=6 (first value) or after --labels -- (every later token is a value).", StringComparison.Ordinal), run.Output);
        Assert.Null(WithLists.Last);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void After_a_single_value_parameter_an_unknown_token_stays_a_warning()
    {
        Assert.Equal(0, run.Run(new WithLists(), ["Show"], ["--registry", "r", "--registy", "x", "--no-logo"]));
        Assert.Contains("[WRN] Unknown argument '--registy' is ignored", run.Output);
    }
}
