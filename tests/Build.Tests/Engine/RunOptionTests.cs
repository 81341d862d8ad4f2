namespace Build.Tests.Engine;

/// <summary>--root, --verbosity, --host and --no-logo.</summary>
public class RunOptionTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    class Chatty : NukeBuild
    {
        public string? Root;
        Target Talk => _ => _.Executes(() =>
        {
            Root = RootDirectory;
            Log.Debug("debug line");
            Log.Information("info line");
            Log.Warning("warning line");
        });
    }

    [Fact]
    public void The_root_is_the_nearest_directory_with_nuke_above_the_working_directory()
    {
        var deep = Path.Combine(run.Root, "a", "b");
        Directory.CreateDirectory(deep);
        var build = new Chatty();
        Assert.Equal(0, run.Run(build, ["Talk"], [], deep));
        Assert.Equal(run.Root, build.Root);
    }

    [Fact]
    public void Root_can_be_given_relative_to_the_working_directory_or_bare_for_the_working_directory()
    {
        var other = Path.Combine(run.Root, "other");
        Directory.CreateDirectory(other);
        var build = new Chatty();
        Assert.Equal(0, run.Run(build, ["Talk"], ["--root", "other"], run.Root));
        Assert.Equal(other, build.Root);
        build = new Chatty();
        Assert.Equal(0, run.Run(build, ["Talk"], ["--root"], other));
        Assert.Equal(other, build.Root);
    }

    [Fact]
    public void Without_a_nuke_directory_the_run_fails_and_says_how_to_fix_it()
    {
        var outside = Directory.CreateTempSubdirectory("engine-no-root-").FullName;
        try
        {
            Assert.Equal(-1, run.Run(new Chatty(), ["Talk"], [], outside));
            Assert.Contains($"Could not locate '.nuke' directory while walking up from '{outside}'.", run.Output);
            Assert.Contains("--root", run.Output);
        }
        finally
        {
            Directory.Delete(outside);
        }
    }

    [Theory]
    [InlineData("Verbose", true, true, true)]
    [InlineData("Normal", true, true, true)]
    [InlineData("minimal", false, false, true)]
    [InlineData("Quiet", false, false, false)]
    public void Verbosity_sets_the_lowest_level_shown(string verbosity, bool debug, bool info, bool warning)
    {
        Assert.Equal(0, run.Run(new Chatty(), ["Talk"], ["--verbosity", verbosity]));
        Assert.Equal(debug, run.Output.Contains("[DBG] debug line"));
        Assert.Equal(info, run.Output.Contains("[INF] info line"));
        Assert.Equal(warning, run.Output.Contains("[WRN] warning line"));
    }

    [Fact]
    public void Host_forces_GitHub_Actions_output()
    {
        Assert.Equal(0, run.Run(new Chatty(), ["Talk"], ["--host", "githubactions"]));
        Assert.Contains("::group::Talk", run.Output);
        Assert.Contains("::warning::warning line", run.Output);
    }

    [Fact]
    public void No_logo_drops_the_banner()
    {
        Assert.Equal(0, run.Run(new Chatty(), ["Talk"], []));
        Assert.Contains("Build engine (NUKE-style)", run.Output);
        Assert.Equal(0, run.Run(new Chatty(), ["Talk"], ["--no-logo"]));
        Assert.DoesNotContain("Build engine (NUKE-style)", run.Output);
    }
}
