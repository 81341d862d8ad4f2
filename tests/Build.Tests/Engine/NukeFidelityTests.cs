namespace Build.Tests.Engine;

/// <summary>Points where a NUKE user would notice a difference: bare --target, --continue, requirements, --skip, output, help.</summary>
public class NukeFidelityTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    class Pipeline : NukeBuild
    {
        public readonly List<string> Ran = [];
        [Parameter("Image to check", Name = "Image")] public readonly string? VerifyImage;
        [Parameter("Push the image")] public readonly bool Push;
        [Parameter("Name of the image")] public readonly string? ImageName;
        Target Tag => _ => _.Executes(() => Ran.Add("Tag"));
        Target Login => _ => _.After(Tag).OnlyWhenDynamic(() => Push).RefusesUnknownArguments().Executes(() => Ran.Add("Login"));
        Target Publish => _ => _.DependsOn(Tag, Login).Executes(() => Ran.Add("Publish"));
        Target Verify => _ => _.Requires(() => VerifyImage).Executes(() => Ran.Add("Verify"));
        Target Warn => _ => _.Executes(() => Log.Warning("careful"));
    }

    [Theory]
    [InlineData("--target")]
    [InlineData("Tag", "Login", "--target")]
    public void A_bare_target_is_an_empty_plan_that_shows_the_help(params string[] args)
    {
        var build = new Pipeline();
        Assert.Equal(0, run.Run(build, ["Publish"], args));
        Assert.Empty(build.Ran);
        Assert.Contains("Targets (with their direct dependencies):", run.Output);
    }

    [Fact]
    public void A_failed_requirement_names_the_parameter_not_the_member()
    {
        Assert.Equal(-1, run.Run(new Pipeline(), "Verify"));
        Assert.Contains("[ERR] Target 'Verify' requires member 'Image' to be not null or empty. Pass --image.", run.Output);
        Assert.DoesNotContain("VerifyImage", run.Output);
    }

    [Fact]
    public void An_unknown_skip_name_warns_with_the_nearest_target_and_the_run_goes_on()
    {
        var build = new Pipeline();
        Assert.Equal(0, run.Run(build, "Tag", "--skip", "Nope", "Pubilsh"));
        Assert.Equal(["Tag"], build.Ran);
        Assert.Contains("[WRN] Unknown target 'Nope' in --skip is ignored (see --help).", run.Output);
        Assert.Contains("[WRN] Unknown target 'Pubilsh' in --skip is ignored: did you mean Publish?", run.Output);
    }

    [Fact]
    public void Errors_and_warnings_are_boxed_and_listed_at_quiet_verbosity_too()
    {
        Assert.Equal(0, run.Run(new Pipeline(), "Warn", "--verbosity", "quiet"));
        Assert.DoesNotContain("[WRN] careful", run.Output.Split("Errors & Warnings")[0]);
        Assert.Matches(@"═+\nErrors & Warnings\n─+\n\[WRN\] Warn: careful\n", run.Output);
    }

    [Fact]
    public void A_stray_suggestion_needs_similarity_and_has_no_trailing_period()
    {
        Assert.Equal(0, run.Run(new Pipeline(), "Tag", "--foo", "--imag-name", "x", "--partition", "bogus"));
        Assert.Contains("[WRN] Unknown argument '--foo' is ignored (see --help).", run.Output);
        Assert.Contains("[WRN] Unknown argument '--imag-name' is ignored: did you mean --image-name?\n", run.Output);
        Assert.Contains("[WRN] Invalid value 'bogus' for --partition is ignored", run.Output);
    }

    [Fact]
    public void A_target_that_refuses_unknown_arguments_stops_before_it_starts()
    {
        var build = new Pipeline();
        Assert.Equal(-1, run.Run(build, "Publish", "--push", "--imag-name", "x"));
        Assert.Equal(["Tag"], build.Ran);
        Assert.Contains("Login did not start, since the build does not know '--imag-name' (did you mean --image-name?).", run.Output);
        // Without the push, Login is skipped and the misspelling stays a warning.
        Assert.Equal(0, run.Run(build = new Pipeline(), "Publish", "--imag-name", "x"));
        Assert.Equal(["Tag", "Publish"], build.Ran);
    }

    [Fact]
    public void A_bare_dash_is_ignored()
    {
        var build = new Pipeline();
        Assert.Equal(0, run.Run(build, "Tag", "-", "Warn"));
        Assert.Equal(["Tag"], build.Ran);
    }

    [Fact]
    public void Help_pads_names_to_the_longest_plus_seven_and_target_lines_to_their_column()
    {
        Assert.Equal(0, run.Run(new Pipeline(), "--help", "--no-logo"));
        var lines = run.Output.Split('\n');
        // The longest listed name is image-name (10 letters): descriptions start 2 + 17 columns in.
        Assert.Contains("  --image-name" + new string(' ', 5) + "Name of the image.", lines);
        Assert.Contains("  --no-logo" + new string(' ', 8) + "Disables displaying the logo (the one-line banner).", lines);
        Assert.Contains("  " + "Tag".PadRight(20), lines);
    }

    [Fact]
    public void A_number_is_a_bool_in_parameters_json()
    {
        run.WriteFile(".nuke/parameters.json", """{ "Push": 1 }""");
        var build = new Pipeline();
        Assert.Equal(0, run.Run(build, "Publish"));
        Assert.True(build.Push);
        Assert.Equal(["Tag", "Login", "Publish"], build.Ran);
    }

    class Reporting : NukeBuild
    {
        Target Make => _ => _.Executes(() => ReportAtEnd("## made it\nrun: it"));
    }

    [Theory]
    [InlineData("normal", true)]
    [InlineData("minimal", true)]
    [InlineData("quiet", false)]
    public void What_a_run_made_comes_after_the_outcome_line_except_when_quiet(string verbosity, bool shown)
    {
        Assert.Equal(0, run.Run(new Reporting(), "Make", "--verbosity", verbosity));
        var lines = run.Output.TrimEnd().Split('\n');
        if (shown) Assert.Equal(["## made it", "run: it"], lines[^2..]);
        else Assert.StartsWith("Build succeeded on ", lines[^1]);
    }

    class Resumable : NukeBuild
    {
        public bool Fail = true;
        public int Computed;
        Target Compute => _ => _.RerunOnContinue("its result is not kept between runs").Executes(() => Computed++);
        Target Publish => _ => _.DependsOn(Compute).Executes(() => { if (Fail) throw new BuildError("push refused"); });
    }

    [Fact]
    public void Continue_says_why_a_target_runs_again_and_records_it_once()
    {
        Assert.Equal(-1, run.Run(new Resumable(), "Publish"));
        Assert.Equal(0, run.Run(new Resumable { Fail = false }, "Publish", "--continue"));
        Assert.Contains("[INF] Compute: rerun on --continue (its result is not kept between runs)", run.Output);
        Assert.Matches(@"Compute\s+Succeeded.*// Rerun on --continue: its result is not kept between runs", run.Output);
        var attempt = File.ReadAllLines(Path.Combine(run.Root, ".nuke", "temp", "build-attempt.log"));
        Assert.Equal(["Compute", "Publish"], attempt[1..]);
    }
}
