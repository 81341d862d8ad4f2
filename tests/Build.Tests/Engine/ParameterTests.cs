namespace Build.Tests.Engine;

/// <summary>
/// Parameter sources and their precedence (named arguments, then positional targets, then environment
/// variables, then .nuke/parameters.&lt;profile&gt;.json, last profile first, then .nuke/parameters.json) and conversion.
/// </summary>
public class ParameterTests : IDisposable
{
    readonly InProcessRun run = new();

    public void Dispose() => run.Dispose();

    public enum Flavor { Plain, Slim }

    interface IRegistry : INukeBuild
    {
        [Parameter("Registry host")] string Registry => TryGetValue(() => Registry) ?? "ghcr.io";
        [Parameter] bool Push => TryGetValue<bool?>(() => Push) ?? false;
    }

    class Parameters : NukeBuild, IRegistry
    {
        [Parameter("Api key")] public readonly string? ApiKey;
        [Parameter] public readonly string Configuration = "Debug";
        [Parameter] public readonly int Retries = 3;
        [Parameter] public readonly bool Verbose;
        [Parameter] public readonly Flavor Kind;
        [Parameter] public readonly string[] Platforms = [];
        [Parameter] public AbsolutePath? Output { get; set; }
        [Parameter, Secret] public readonly string? Token;
        public string? SeenRegistry;
        public bool SeenPush;
        Target Show => _ => _.Executes(() =>
        {
            SeenRegistry = ((IRegistry)this).Registry;
            SeenPush = ((IRegistry)this).Push;
            Log.Information("token is " + Token);
        });
    }

    Parameters Run(params string[] args)
    {
        var build = new Parameters();
        var exitCode = run.Run(build, ["Show"], args);
        Assert.True(exitCode == 0, run.Output);
        return build;
    }

    [Fact]
    public void Initializers_stay_when_nothing_is_given()
    {
        var build = Run();
        Assert.Equal(("Debug", 3, false, Flavor.Plain, "ghcr.io", false), (build.Configuration, build.Retries, build.Verbose, build.Kind, build.SeenRegistry, build.SeenPush));
        Assert.Null(build.ApiKey);
    }

    [Fact]
    public void Command_line_values_convert_to_the_member_type()
    {
        var build = Run("--api-key", "k1", "--retries", "5", "--verbose", "--kind", "SLIM", "--platforms", "linux/amd64", "linux/arm64", "--registry", "127.0.0.1:5000", "--push", "true");
        Assert.Equal(("k1", 5, true, Flavor.Slim), (build.ApiKey, build.Retries, build.Verbose, build.Kind));
        Assert.Equal(["linux/amd64", "linux/arm64"], build.Platforms);
        Assert.Equal(("127.0.0.1:5000", true), (build.SeenRegistry, build.SeenPush));
    }

    [Fact]
    public void Names_ignore_dashes_and_case_and_the_last_occurrence_wins()
    {
        var build = Run("-ApiKey", "a", "--API-KEY", "b", "--apikey", "c");
        Assert.Equal("c", build.ApiKey);
    }

    [Fact]
    public void Paths_from_the_command_line_are_relative_to_the_working_directory_and_from_files_to_the_root()
    {
        Directory.CreateDirectory(Path.Combine(run.Root, "sub"));
        var fromCli = new Parameters();
        Assert.Equal(0, run.Run(fromCli, ["Show"], ["--output", "out"], Path.Combine(run.Root, "sub")));
        Assert.Equal(Path.Combine(run.Root, "sub", "out"), fromCli.Output?.Value);

        run.WriteFile(".nuke/parameters.json", """{ "Output": "artifacts" }""");
        var fromFile = new Parameters();
        Assert.Equal(0, run.Run(fromFile, ["Show"], [], Path.Combine(run.Root, "sub")));
        Assert.Equal(Path.Combine(run.Root, "artifacts"), fromFile.Output?.Value);
    }

    [Theory]
    [InlineData("ApiKey")]
    [InlineData("API_KEY")]
    [InlineData("apikey")]
    [InlineData("NUKE_API_KEY")]
    [InlineData("nuke_apikey")]
    public void Environment_variables_bind_exactly_or_case_and_underscore_insensitively_with_or_without_NUKE(string variable)
    {
        run.Environment[variable] = "from-env";
        Assert.Equal("from-env", Run().ApiKey);
    }

    [Fact]
    public void The_exact_environment_name_beats_fuzzy_ones_and_two_fuzzy_ones_are_ignored_with_a_warning()
    {
        run.Environment["ApiKey"] = "exact";
        run.Environment["API_KEY"] = "fuzzy";
        Assert.Equal("exact", Run().ApiKey);
        run.Environment.Remove("ApiKey");
        run.Environment["NUKE_API_KEY"] = "other";
        Assert.Null(Run().ApiKey);
        Assert.Contains("Could not resolve ApiKey since multiple environment variables provide it", run.Output);
    }

    [Fact]
    public void Environment_values_split_only_at_a_declared_separator_and_empty_means_false()
    {
        run.Environment["PLATFORMS"] = "linux/amd64 linux/arm64";
        run.Environment["VERBOSE"] = "";
        run.Environment["PUSH"] = "true";
        var build = Run();
        Assert.Equal(["linux/amd64 linux/arm64"], build.Platforms);
        Assert.False(build.Verbose);
        Assert.True(build.SeenPush);
    }

    [Fact]
    public void Precedence_is_command_line_then_environment_then_profile_then_parameters_json_then_initializer()
    {
        run.WriteFile(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "ApiKey": "file", "Configuration": "file", "Retries": 7, "Registry": "file.io", "Platforms": ["a", "b"] }""");
        run.WriteFile(".nuke/parameters.ci.json", """{ "ApiKey": "profile", "Configuration": "profile" }""");
        run.WriteFile(".nuke/parameters.late.json", """{ "Configuration": "late" }""");
        run.Environment["NUKE_API_KEY"] = "env";
        var build = Run("--profile", "ci", "late", "--retries", "9");
        Assert.Equal(("env", "late", 9, "file.io"), (build.ApiKey, build.Configuration, build.Retries, build.SeenRegistry));
        Assert.Equal(["a", "b"], build.Platforms);
        Assert.Equal("profile", Run("--profile", "late", "ci").Configuration);
        Assert.Equal("cli", Run("--api-key", "cli").ApiKey);
    }

    [Fact]
    public void A_missing_profile_fails_naming_it()
    {
        Assert.Equal(-1, run.Run(new Parameters(), ["Show"], ["--profile", "nope"]));
        Assert.Contains("Profile 'nope' does not exist", run.Output);
    }

    [Theory]
    [InlineData("--retries", "many", "Invalid value 'many' for parameter 'Retries': expected an integer.")]
    [InlineData("--verbose", "yes", "Invalid value 'yes' for parameter 'Verbose': expected true or false.")]
    [InlineData("--kind", "Fat", "Invalid value 'Fat' for parameter 'Kind': expected one of Plain, Slim.")]
    [InlineData("--verbosity", "loud", "Invalid value 'loud' for parameter 'Verbosity': expected one of Verbose, Normal, Minimal, Quiet.")]
    [InlineData("--host", "Hudson", "Invalid value 'Hudson' for parameter 'Host': expected one of AppVeyor, AzurePipelines, Bamboo, Bitbucket, Bitrise, GitHubActions, GitLab, Jenkins, Rider, SpaceAutomation, TeamCity, Terminal, TravisCI, VisualStudio, VSCode.")]
    public void A_bad_value_ends_the_run_with_one_line_naming_parameter_and_value(string name, string value, string message)
    {
        Assert.Equal(-1, run.Run(new Parameters(), ["Show"], [name, value]));
        var errors = run.Output.Split('\n').Where(l => l.Contains("[ERR]")).ToList();
        Assert.Equal([message], errors.Select(l => l[(l.IndexOf("[ERR] ") + 6)..].TrimEnd()));
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void A_bad_value_for_a_component_parameter_fails_before_any_target_runs()
    {
        var build = new Parameters();
        Assert.Equal(-1, run.Run(build, ["Show"], ["--push", "maybe"]));
        Assert.Null(build.SeenRegistry);
        Assert.Contains("Invalid value 'maybe' for parameter 'Push': expected true or false.", run.Output);
    }

    [Fact]
    public void Several_values_for_a_scalar_are_rejected()
    {
        Assert.Equal(-1, run.Run(new Parameters(), ["Show"], ["--api-key", "a", "b"]));
        Assert.Contains("Parameter 'ApiKey' takes one value but got [ a, b ].", run.Output);
    }

    [Fact]
    public void A_bad_value_in_a_file_names_the_parameter()
    {
        run.WriteFile(".nuke/parameters.json", """{ "Retries": "lots" }""");
        Assert.Equal(-1, run.Run(new Parameters(), ["Show"], []));
        Assert.Contains("Invalid value 'lots' for parameter 'Retries'", run.Output);
    }

    [Fact]
    public void Secrets_are_masked_in_the_log()
    {
        Run("--token", "s3cr3t-value");
        // Masks are process-wide (a secret stays hidden from every later line), so another test's secret may mask
        // more of this line: what must hold is that the value never shows and the line is there, masked.
        Assert.Matches(@"token is \*\*\*|\*\*\* is \*\*\*", run.Output);
        Assert.DoesNotContain("s3cr3t-value", run.Output);
    }

    [Fact]
    public void Targets_come_from_named_arguments_before_positional_ones_and_the_environment()
    {
        run.Environment["NUKE_TARGET"] = "Nope";
        Assert.Equal(0, run.Run(new Parameters(), ["Show"], ["show"]));
        Assert.Equal(-1, run.Run(new Parameters(), ["Show"], ["show", "--target", "Missing"]));
        Assert.Contains("Target with name 'Missing' does not exist. Available targets are:\n  - Show\n", run.Output);
        Assert.Equal(-1, run.Run(new Parameters(), ["Show"], []));
        Assert.Contains("Target with name 'Nope' does not exist", run.Output);
    }

    [Fact]
    public void Plain_HOST_or_TARGET_variables_do_not_change_the_run()
    {
        run.Environment["HOST"] = "my-laptop";
        run.Environment["TARGET"] = "x86_64-linux-gnu";
        Assert.Equal(0, run.Run(new Parameters(), ["Show"], []));
    }
}
