namespace Build.Tests.Engine;

/// <summary>Where real NUKE 10.1 behaved differently: hosts, --root, skip reasons, plan graph, logs, help, names.</summary>
public class NukeComparisonTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    class Pipeline : NukeBuild
    {
        [Parameter("Name of the image")] public readonly string? ImageName;
        [Parameter("Where to write")] public readonly AbsolutePath? Output;
        public string? SeenHost;
        Target Checkout => _ => _.Executes(() => { });
        Target Tag => _ => _.DependsOn(Checkout).Executes(() => SeenHost = Host);
        Target Login => _ => _.After(Tag).Triggers(Logout).Executes(() => { });
        Target Logout => _ => _.Executes(() => { });
        Target Build => _ => _.DependsOn(Tag).Executes(() => { });
        Target Summary => _ => _.TriggeredBy(Build).After(Build).Executes(() => Log.Warning("secret-value ends here"));
    }

    [Theory]
    [InlineData("Jenkins", "Jenkins")]
    [InlineData("teamcity", "TeamCity")]
    [InlineData("actions", "GitHubActions")]
    public void NUKE_host_names_are_accepted_and_unsupported_ones_behave_as_Terminal(string given, string host)
    {
        var build = new Pipeline();
        Assert.Equal(0, run.Run(build, "Tag", "--host", given));
        Assert.Equal(host, build.SeenHost);
        Assert.Equal(host != "GitHubActions", build.IsLocalBuild);
        if (host != "GitHubActions") Assert.Contains("║ Tag", run.Output);
    }

    [Fact]
    public void The_schema_lists_NUKE_hosts()
    {
        Assert.Equal(0, run.Run(new Pipeline(), "--help"));
        var schema = File.ReadAllText(Path.Combine(run.Root, ".nuke", "build.schema.json"));
        foreach (var host in new[] { "AppVeyor", "AzurePipelines", "Bamboo", "Bitbucket", "Bitrise", "GitHubActions", "GitLab", "Jenkins", "Rider", "SpaceAutomation", "TeamCity", "Terminal", "TravisCI", "VisualStudio", "VSCode" })
            Assert.Contains($"\"{host}\"", schema);
    }

    [Fact]
    public void A_path_parameter_takes_one_value_and_what_follows_is_a_target()
    {
        var build = new Pipeline();
        Assert.Equal(0, run.Run(build, [], ["--root", ".", "Tag", "--skip"]));
        Assert.Matches(@"Tag\s+Succeeded", run.Output);
        Assert.Matches(@"Checkout\s+Skipped\s+// Skipped: via parameter", run.Output);
        Assert.Equal(0, run.Run(build = new Pipeline(), [], ["--output", "out", "Tag"]));
        Assert.Equal(Path.Combine(run.Root, "out"), build.Output?.ToString());
        Assert.Matches(@"Tag\s+Succeeded", run.Output);
    }

    [Fact]
    public void A_bare_skip_reports_a_triggered_target_because_of_its_trigger()
    {
        Assert.Equal(0, run.Run(new Pipeline(), "Tag", "Login", "--skip", "--plan"));
        Assert.Matches(@"Logout\s+triggered by Login, skipped: because of Login", run.Output);
        Assert.Matches(@"Checkout\s+dependency of Tag, skipped: via parameter", run.Output);
    }

    [Fact]
    public void The_plan_graph_has_one_edge_per_pair_and_columns_by_depth()
    {
        Assert.Equal(0, run.Run(new Pipeline(), "Build", "--plan"));
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(run.Root, ".nuke", "temp", "execution-plan.html")));
        Assert.Contains("  Build -.-> Summary\n", html);
        Assert.DoesNotContain("Build ==> Summary", html);
        // Checkout → Tag, Tag → Build, Tag ⇢ Login, Login ⇒ Logout, Build ⇢ Summary: five arrows.
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(html, "<path d=\"M[^\"]*\" fill=\"none\"").Count);
        // Columns by depth: Checkout, Tag, Build and Summary each sit one column further right.
        int X(string name) => int.Parse(System.Text.RegularExpressions.Regex.Match(html, $"<rect x=\"(\\d+)\"[^>]*/><text[^>]*>{name}<").Groups[1].Value);
        Assert.True(X("Checkout") < X("Tag") && X("Tag") < X("Build") && X("Build") < X("Summary"));
    }

    [Fact]
    public void The_run_is_logged_to_build_log_masked_with_a_timestamped_copy()
    {
        Log.AddSecret("secret-value");
        Assert.Equal(0, run.Run(new Pipeline(), "Build"));
        var temp = Path.Combine(run.Root, ".nuke", "temp");
        var log = File.ReadAllText(Path.Combine(temp, "build.log"));
        Assert.Matches(@"\d\d:\d\d:\d\d\.\d{3} \| W \| Summary\s+ \| \*\*\* ends here", log);
        Assert.Contains("Build succeeded", log);
        Assert.DoesNotContain("secret-value", log);
        Assert.Single(Directory.GetFiles(temp, "build.*.log"));
    }

    [Fact]
    public void Help_wraps_at_the_given_width()
    {
        var output = new StringWriter();
        Assert.Equal(0, BuildRun.Execute(() => new Pipeline(), [], new RunEnvironment(["--help", "--no-logo"], run.Environment, run.Root, output, false) { Width = 60 }));
        var lines = output.ToString().Split('\n');
        Assert.All(lines, l => Assert.True(l.Length < 60, l));
        Assert.Contains(lines, l => l.StartsWith("  --verbosity") && l.Length > 40);
        // Continuation lines align with the descriptions: 2 + "--image-name" (the longest) + 5 blanks.
        Assert.Contains(lines, l => l.StartsWith(new string(' ', 19)) && !l.StartsWith(new string(' ', 20)) && l.Trim().Length > 0);
    }

    [Fact]
    public void A_misspelt_parameter_gets_the_closest_name_from_the_command_line_and_parameters_json()
    {
        run.WriteFile(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "ImageNme": "x", "Zzzzzzzz": 1 }""");
        Assert.Equal(0, run.Run(new Pipeline(), "Tag", "--image-nme", "x"));
        Assert.Contains("[WRN] Unknown argument '--image-nme' is ignored: did you mean --image-name?", run.Output);
        Assert.Contains("[WRN] Unknown parameter 'ImageNme' in parameters.json is ignored: did you mean 'ImageName'?", run.Output);
        Assert.Contains("[WRN] Unknown parameter 'Zzzzzzzz' in parameters.json is ignored (see --help).", run.Output);
    }
}
