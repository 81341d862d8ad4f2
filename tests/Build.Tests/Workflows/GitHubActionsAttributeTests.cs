using YamlDotNet.RepresentationModel;
using global::Workflows;

namespace Build.Tests.Workflows;

public class GitHubActionsAttributeTests
{
    static BuildDescription Describe(Type type, params string[] targets) => new(
        type, new AbsolutePath("/repo"),
        [.. targets.Select(name => new TargetDescription(name, null, [], false, false))],
        [new("ApiKey", null, typeof(string), IsSecret: true), new("Configuration", null, typeof(string), IsSecret: false)]);

    [Fact]
    public void Id_and_file_follow_NUKE()
    {
        var attribute = new GitHubActionsAttribute("my workflow", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push] };
        Assert.Equal("GitHubActions_my_workflow", attribute.Id);
        Assert.Equal(".github/workflows/my_workflow.yml", attribute.RelativePath);
        Assert.True(attribute.AutoGenerate);
    }

    [Fact]
    public void Without_a_hook_it_is_NUKEs_shape_one_job_per_runner_label()
    {
        var attribute = new GitHubActionsAttribute("ci", "ubuntu-24.04", "ubuntu-24.04-arm")
        {
            On = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest],
            InvokedTargets = ["Test"], ImportSecrets = ["ApiKey"], EnableGitHubToken = true, FetchDepth = 0,
            ReadPermissions = [GitHubActionsPermissions.Contents], TimeoutMinutes = 30,
            // NUKE's cache (ours defaults to the compiled build: CompiledBuildCacheTests).
            CacheIncludePatterns = [".nuke/temp", "~/.nuget/packages"], CacheKeyFiles = ["**/global.json", "**/*.csproj", "**/Directory.Packages.props"],
        };
        var yaml = attribute.Generate(Describe(typeof(object), "Test")).Single().Content;

        Assert.Contains("\non:\n  push: {}\n  pull_request: {}\n\npermissions:\n  contents: read\n\njobs:\n", yaml);
        Assert.Contains(
            """
              ubuntu-24_04:
                name: ubuntu-24.04
                runs-on: ubuntu-24.04
                timeout-minutes: 30
                steps:
                  - name: Checkout
                    uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
                    with:
                      fetch-depth: 0
                  - name: 'Cache: .nuke/temp, ~/.nuget/packages'
                    uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5
                    with:
                      path: |-
                        .nuke/temp
                        ~/.nuget/packages
                      key: ${{ runner.os }}-${{ hashFiles('**/global.json', '**/*.csproj', '**/Directory.Packages.props') }}
                  - name: 'Run: Test'
                    run: ./build.cmd Test
                    env:
                      ApiKey: ${{ secrets.API_KEY }}
                      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}

              ubuntu-24_04-arm:
                name: ubuntu-24.04-arm
                runs-on: ubuntu-24.04-arm
            """, yaml);
    }

    [Fact]
    public void Filters_become_detailed_triggers_and_excluded_paths_are_negated()
    {
        var workflow = new GitHubActionsAttribute("ci", "ubuntu-24.04")
        {
            OnPushBranches = ["main"], OnPushIncludePaths = ["src/**"], OnPushExcludePaths = ["docs/**"],
            OnPullRequestBranches = ["main"], On = [GitHubActionsTrigger.WorkflowDispatch], OnCronSchedule = "0 3 * * *",
            InvokedTargets = ["Test"],
        }.CreateWorkflow();

        Assert.Equal(["main"], workflow.On.Push!.Branches);
        Assert.Equal(["src/**", "!docs/**"], workflow.On.Push.Paths);
        Assert.Equal(["main"], workflow.On.PullRequest!.Branches);
        Assert.True(workflow.On.WorkflowDispatch);
        Assert.Equal(["0 3 * * *"], workflow.On.Schedules);
        Assert.Null(workflow.Permissions);
        Assert.Null(workflow.Concurrency);
    }

    [Fact]
    public void Job_write_permissions_go_on_the_jobs_on_top_of_the_workflows_read_scopes()
    {
        var workflow = new GitHubActionsAttribute("ci", "ubuntu-24.04")
        {
            On = [GitHubActionsTrigger.Push], InvokedTargets = ["Publish"],
            ReadPermissions = [GitHubActionsPermissions.Contents], JobWritePermissions = [GitHubActionsPermissions.Packages],
        }.CreateWorkflow();

        Assert.Equal([new(GitHubActionsPermissions.Contents, PermissionLevel.Read)], workflow.Permissions!.Entries);
        Assert.Equal(
            [new(GitHubActionsPermissions.Contents, PermissionLevel.Read), new(GitHubActionsPermissions.Packages, PermissionLevel.Write)],
            workflow.Jobs.Single().Permissions!.Entries);
    }

    [Fact]
    public void Concurrency_uses_NUKEs_default_group_or_the_given_one_and_a_condition_wins_over_the_flag()
    {
        var nuke = new GitHubActionsAttribute("ci", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push], InvokedTargets = ["A"], ConcurrencyCancelInProgress = true };
        Assert.Equal(
            "concurrency:\n  group: ${{ github.workflow }} @ ${{ github.event.pull_request.head.label || github.head_ref || github.run_id }}\n  cancel-in-progress: true\n",
            WorkflowYaml.Block(WorkflowYaml.Write(nuke.CreateWorkflow()), "concurrency:"));

        var ours = new GitHubActionsAttribute("ci", "ubuntu-24.04")
        {
            On = [GitHubActionsTrigger.Push], InvokedTargets = ["A"],
            ConcurrencyGroup = "${{ github.workflow }} @ ${{ github.ref }}", ConcurrencyCancelInProgressIf = "github.event_name == 'pull_request'",
        };
        Assert.Equal(
            "concurrency:\n  group: ${{ github.workflow }} @ ${{ github.ref }}\n  cancel-in-progress: ${{ github.event_name == 'pull_request' }}\n",
            WorkflowYaml.Block(WorkflowYaml.Write(ours.CreateWorkflow()), "concurrency:"));
    }

    [Theory]
    [InlineData("ApiKey", "API_KEY")]
    [InlineData("GitHubToken", "GITHUB_TOKEN")]
    [InlineData("NuGetApiKey", "NUGET_API_KEY")]
    [InlineData("FeedzNuGetApiKey", "FEEDZ_NUGET_API_KEY")]
    [InlineData("MSBuildConfiguration", "MSBUILD_CONFIGURATION")]
    [InlineData("RegistryPassword", "REGISTRY_PASSWORD")]
    [InlineData("Net6Version", "NET6VERSION")]
    [InlineData("TOKEN", "TOKEN")]
    public void Secret_names_are_NUKEs_snake_upper_case(string parameter, string secret) =>
        Assert.Equal(secret, GitHubActionsAttribute.SecretName(parameter));

    // The attribute type is internal to the build, so a row carries it as object.
    public static TheoryData<object, string> Mistakes => new()
    {
        { new GitHubActionsAttribute("ci", "ubuntu-24.04") { InvokedTargets = ["A"] }, "define triggers" },
        { new GitHubActionsAttribute("ci", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"], InvokedTargets = ["A"] }, "both in On and in On*" },
        { new GitHubActionsAttribute("ci", "ubuntu-24.04") { OnPushBranches = ["main"], OnPushBranchesIgnore = ["x"], InvokedTargets = ["A"] }, "*Ignore" },
        { new GitHubActionsAttribute("ci") { On = [GitHubActionsTrigger.Push], InvokedTargets = ["A"] }, "runner label" },
        { new GitHubActionsAttribute("ci", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push] }, "InvokedTargets" },
        { new GitHubActionsAttribute("ci", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push], InvokedTargets = ["Missing"] }, "runs target 'Missing', which the build does not define (targets: A)" },
        { new GitHubActionsAttribute("ci", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push], InvokedTargets = ["A"], ImportSecrets = ["Configuration"] }, "not marked [Secret]" },
        { new GitHubActionsAttribute("ci", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push], InvokedTargets = ["A"], ImportSecrets = ["Nope"] }, "parameter 'Nope'" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Mistakes_end_with_one_clear_line(object row, string expected)
    {
        var attribute = (GitHubActionsAttribute)row;
        var error = Assert.Throws<BuildError>(() => attribute.Generate(Describe(typeof(object), "A")).ToList());
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("GitHubActions_ci: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_build_class_hook_adds_steps_at_chosen_places_and_extra_jobs()
    {
        var attribute = new GitHubActionsAttribute("ci", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push], InvokedTargets = ["Compile"] };
        var yaml = attribute.Generate(Describe(typeof(HookedBuild), "Compile", "Deploy")).Single().Content;
        var root = WorkflowYaml.Read(yaml);

        Assert.Equal("docker/setup-qemu-action@96fe6ef7f33517b61c61be40b68a1882f3264fb8", root.At("jobs", "ubuntu-24_04", "steps", 3, "uses").Text());
        Assert.Equal("./build.cmd Compile", root.At("jobs", "ubuntu-24_04", "steps", 4, "run").Text());
        Assert.Equal("ubuntu-24_04", root.At("jobs", "deploy", "needs").Text());
        Assert.Equal("production", root.At("jobs", "deploy", "environment").Text());
        Assert.Equal("write", root.At("jobs", "deploy", "permissions", "deployments").Text());
        Assert.Equal("./build.cmd Deploy", root.At("jobs", "deploy", "steps", 0, "run").Text());
    }

    [Fact]
    public void A_hook_that_runs_a_target_the_build_lacks_fails_generation()
    {
        var attribute = new GitHubActionsAttribute("ci", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push], InvokedTargets = ["Compile"] };
        var error = Assert.Throws<BuildError>(() => attribute.Generate(Describe(typeof(HookedBuild), "Compile")).ToList());
        Assert.Contains("job 'deploy' runs target 'Deploy'", error.Message);
    }

    [Fact]
    public void NUKEs_dispatch_inputs_job_concurrency_and_checkout_options_are_taken()
    {
        var attribute = new GitHubActionsAttribute("ci", "ubuntu-24.04")
        {
            OnPushBranches = ["main"], OnWorkflowDispatchOptionalInputs = ["Configuration"], OnWorkflowDispatchRequiredInputs = ["ApiKey"],
            InvokedTargets = ["Test"], JobConcurrencyGroup = "custom-job-group", JobConcurrencyCancelInProgress = true,
            Submodules = GitHubActionsSubmodules.Recursive, Lfs = true, Progress = false, Filter = "tree:0", FetchDepth = 2,
        };
        var root = WorkflowYaml.Read(attribute.Generate(Describe(typeof(object), "Test")).Single().Content);

        Assert.Equal("Configuration", root.At("on", "workflow_dispatch", "inputs", "Configuration", "description").Text());
        Assert.Equal("false", root.At("on", "workflow_dispatch", "inputs", "Configuration", "required").Text());
        Assert.Equal("Api Key", root.At("on", "workflow_dispatch", "inputs", "ApiKey", "description").Text());
        Assert.Equal("true", root.At("on", "workflow_dispatch", "inputs", "ApiKey", "required").Text());
        var run = ((YamlSequenceNode)root.At("jobs", "ubuntu-24_04", "steps")).Children.Single(step => ((YamlMappingNode)step).Children.ContainsKey(new YamlScalarNode("run")));
        Assert.Equal("${{ github.event.inputs.Configuration }}", run.At("env", "Configuration").Text());
        Assert.Equal("custom-job-group", root.At("jobs", "ubuntu-24_04", "concurrency", "group").Text());
        Assert.Equal("true", root.At("jobs", "ubuntu-24_04", "concurrency", "cancel-in-progress").Text());
        var checkout = root.At("jobs", "ubuntu-24_04", "steps", 0, "with");
        Assert.Equal(["2", "recursive", "true", "false", "tree:0"],
            new[] { "fetch-depth", "submodules", "lfs", "progress", "filter" }.Select(key => checkout.At(key).Text()));
    }

    [Fact]
    public void What_the_invoked_targets_and_their_dependencies_produce_is_uploaded_as_artifacts()
    {
        var build = new BuildDescription(typeof(object), new AbsolutePath("/repo"),
        [
            new("Restore", null, [], false, false) { Produces = ["src/*/obj/**"] },
            new("Test", null, ["Restore"], false, false) { Produces = ["output/test-results/*.trx", "/repo/output/test-results/*.xml"] },
            new("Pack", null, [], false, false) { Produces = ["output/packages/*.nupkg"] },
        ], []);
        var attribute = new GitHubActionsAttribute("ci", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push], InvokedTargets = ["Test"], PublishCondition = "success() || failure()" };
        var root = WorkflowYaml.Read(attribute.Generate(build).Single().Content);

        // The artifact uploads follow the step that runs the build (the cache steps before it vary with the recipe).
        var steps = ((YamlSequenceNode)root.At("jobs", "ubuntu-24_04", "steps")).Children.ToList();
        var first = steps.FindIndex(step => ((YamlMappingNode)step).Children.ContainsKey(new YamlScalarNode("run"))) + 1;
        Assert.Equal("Publish: test-results", steps[first].At("name").Text());
        Assert.Equal("success() || failure()", steps[first].At("if").Text());
        Assert.Equal("output/test-results", steps[first].At("with", "path").Text());
        Assert.Equal("src", steps[first + 1].At("with", "name").Text());
        Assert.DoesNotContain("output/packages", attribute.Generate(build).Single().Content);
        Assert.DoesNotContain("upload-artifact", new GitHubActionsAttribute("ci", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push], InvokedTargets = ["Test"], PublishArtifacts = false }.Generate(build).Single().Content);
    }

    [Fact]
    public void Pull_request_tags_are_refused_since_GitHub_has_no_such_filter()
    {
        var attribute = new GitHubActionsAttribute("ci", "ubuntu-24.04") { OnPullRequestTags = ["v*"], InvokedTargets = ["Test"] };
        Assert.Contains("GitHub's pull_request trigger has no tags filter", Assert.Throws<BuildError>(() => attribute.Generate(Describe(typeof(object), "Test")).ToList()).Message);
    }

    sealed class HookedBuild : IConfigureGitHubActions
    {
        public static void ConfigureGitHubActions(GitHubActionsAttribute attribute, Workflow workflow)
        {
            var build = workflow.Jobs.Single();
            build.InsertBefore<BuildStep>(ActionPins.SetupQemu.Step());
            var deploy = new WorkflowJob("deploy")
            {
                RunsOn = ["ubuntu-24.04"], Environment = new("production"),
                Permissions = new Permissions { [GitHubActionsPermissions.Deployments] = PermissionLevel.Write },
            };
            deploy.Needs.Add(build.Id);
            deploy.Steps.Add(attribute.BuildStep(["Deploy"]));
            workflow.Jobs.Add(deploy);
        }
    }
}
