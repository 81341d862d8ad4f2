using Build.Tests.Support;
using global::Workflows;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>.github/workflows/tests.yml: current, on every push and pull request, the stack then the test command, pinned, lint clean.</summary>
public class TestsWorkflowTests
{
    static GitHubActionsAttribute Attribute => BuildUnderTest.Named("tests");
    static string CommittedPath => Path.Combine(Repo.Root, Attribute.RelativePath);
    static YamlMappingNode Root => WorkflowYaml.Read(File.ReadAllText(CommittedPath));
    internal static YamlMappingNode Job => (YamlMappingNode)((YamlMappingNode)WorkflowYaml.Read(File.ReadAllText(CommittedPath)).At("jobs")).Children.Values.Single();
    internal static List<YamlMappingNode> Steps => ((YamlSequenceNode)Job.At("steps")).Children.Cast<YamlMappingNode>().ToList();

    /// <summary>The build class's constants (its name clashes with the test namespace, hence by reflection).</summary>
    internal static string StackCommand => Constant(nameof(StackCommand));
    internal static string TestCommand => Constant(nameof(TestCommand));
    static string Constant(string name) =>
        (string)BuildUnderTest.Type.GetField(name, System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!.GetValue(null)!;

    [Fact]
    public void The_committed_file_is_what_the_attribute_generates()
    {
        var generated = Attribute.Generate(BuildUnderTest.Description()).Single();
        Assert.Equal(".github/workflows/tests.yml", generated.RelativePath);
        Assert.True(File.Exists(CommittedPath), $"{generated.RelativePath} is missing: run ./build.sh --generate-configuration {Attribute.Id}");
        Assert.True(generated.Content == File.ReadAllText(CommittedPath),
            $"{generated.RelativePath} is stale: run ./build.sh --generate-configuration {Attribute.Id} and commit the result");
    }

    [Fact]
    public void It_runs_on_every_push_and_pull_request_on_ubuntu_24_04_within_a_timeout_reading_contents_only()
    {
        Assert.Equal(["push", "pull_request", "workflow_dispatch"], ((YamlMappingNode)Root.At("on")).Children.Keys.Select(key => key.Text()));
        Assert.All(((YamlMappingNode)Root.At("on")).Children.Values, filter => Assert.Empty(((YamlMappingNode)filter).Children));
        Assert.Equal("ubuntu-24.04", Job.At("runs-on").Text());
        Assert.InRange(int.Parse(Job.At("timeout-minutes").Text()), 10, 60);
        Assert.Equal("read", Root.At("permissions", "contents").Text());
        Assert.Single(((YamlMappingNode)Root.At("permissions")).Children);
    }

    [Fact]
    public void It_sets_up_the_sdk_of_global_json_caches_nuget_then_runs_the_stack_and_the_test_command_last()
    {
        var uses = Steps.Where(step => step.Children.ContainsKey("uses")).Select(step => step.At("uses").Text().Split('@')[0]).ToList();
        Assert.Equal(["actions/checkout", "actions/setup-dotnet", "actions/cache", "sigstore/cosign-installer"], uses);
        Assert.Equal("global.json", Steps[1].At("with", "global-json-file").Text());
        Assert.Equal("~/.nuget/packages", Steps[2].At("with", "path").Text());
        Assert.Equal("v2.6.4", Steps[3].At("with", "cosign-release").Text());
        var runs = Steps.Where(step => step.Children.ContainsKey("run")).Select(step => step.At("run").Text()).ToList();
        Assert.Equal([StackCommand, TestCommand], runs);
        Assert.StartsWith("bash .ci/stack", runs[0]);
        Assert.Equal(TestCommand, Steps[^1].At("run").Text());
    }

    [Fact]
    public void The_test_command_is_what_ci_run_is_the_stack_then_dotnet_test_of_the_tests()
    {
        Assert.Equal("bash .ci/run", TestCommand);
        var run = File.ReadAllText(Path.Combine(Repo.Root, ".ci", "run"));
        Assert.True(run.IndexOf("bash .ci/stack", StringComparison.Ordinal) < run.IndexOf("dotnet test tests/Build.Tests", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void It_passes_lint_workflows_with_pins_required()
    {
        var result = WorkflowLint.Run(CommittedPath);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("1 file(s), 0 error(s), 0 warning(s)", result.Output);
    }
}
