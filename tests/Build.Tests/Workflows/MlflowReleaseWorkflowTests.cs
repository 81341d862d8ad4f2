using Build.Tests.Support;
using global::Workflows;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>.github/workflows/mlflow-release.yml: current, daily and by hand, writes only on its job (and may start the checks), lint clean.</summary>
public class MlflowReleaseWorkflowTests
{
    static GitHubActionsAttribute Attribute => BuildUnderTest.Named("mlflow-release");
    static string CommittedPath => Path.Combine(Repo.Root, Attribute.RelativePath);
    static YamlMappingNode Root => WorkflowYaml.Read(File.ReadAllText(CommittedPath));
    static YamlMappingNode Job => (YamlMappingNode)((YamlMappingNode)Root.At("jobs")).Children.Values.Single();
    static IEnumerable<YamlMappingNode> Steps => ((YamlSequenceNode)Job.At("steps")).Children.Cast<YamlMappingNode>();

    [Fact]
    public void The_committed_file_is_what_the_attribute_generates()
    {
        var generated = Attribute.Generate(BuildUnderTest.Description()).Single();
        Assert.Equal(".github/workflows/mlflow-release.yml", generated.RelativePath);
        Assert.True(File.Exists(CommittedPath), $"{generated.RelativePath} is missing: run ./build.sh --generate-configuration {Attribute.Id}");
        Assert.True(generated.Content == File.ReadAllText(CommittedPath),
            $"{generated.RelativePath} is stale: run ./build.sh --generate-configuration {Attribute.Id} and commit the result");
    }

    [Fact]
    public void It_runs_daily_and_by_hand()
    {
        var on = (YamlMappingNode)Root.At("on");
        Assert.Equal(["workflow_dispatch", "schedule"], on.Children.Keys.Select(key => key.Text()));
        Assert.Matches(@"^\d+ \d+ \* \* \*$", ((YamlSequenceNode)Root.At("on", "schedule")).Children.Single().At("cron").Text());
        Assert.Equal("true", Root.At("on", "workflow_dispatch", "inputs", "update", "default").Text());
    }

    [Fact]
    public void Only_its_job_may_write_contents_pull_requests_and_actions()
    {
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read" }, Permissions(Root));
        // actions: write lets GITHUB_TOKEN start the pull request's checks (workflow_dispatch).
        Assert.Equal(new Dictionary<string, string> { ["actions"] = "write", ["contents"] = "write", ["pull-requests"] = "write" }, Permissions(Job));
    }

    [Fact]
    public void It_hands_the_build_an_app_or_personal_token_from_the_RELEASE_TOKEN_secret()
    {
        var run = Steps.Single(step => step.Children.ContainsKey("run"));
        Assert.Equal("${{ secrets.RELEASE_TOKEN }}", run.At("env", "ReleaseToken").Text());
    }

    [Fact]
    public void The_publish_workflow_it_starts_has_a_push_input_that_defaults_to_pushing()
    {
        var publish = WorkflowYaml.Read(File.ReadAllText(BuildUnderTest.CommittedPath));
        Assert.Equal("boolean", publish.At("on", "workflow_dispatch", "inputs", "push", "type").Text());
        Assert.Equal("true", publish.At("on", "workflow_dispatch", "inputs", "push", "default").Text());
        // With push off the platform jobs build and check; there is nothing to merge, so the merge job does not run.
        Assert.EndsWith("&& (github.event_name != 'workflow_dispatch' || inputs.push)", publish.At("jobs", "merge", "if").Text());
    }

    [Fact]
    public void It_runs_MlflowRelease_with_update_and_the_token_and_checkout_keeps_no_credentials()
    {
        var run = Steps.Single(step => step.Children.ContainsKey("run"));
        Assert.Equal("./build.cmd MlflowRelease", run.At("run").Text());
        Assert.Equal("${{ github.event_name != 'workflow_dispatch' || inputs.update }}", run.At("env", "Update").Text());
        Assert.Equal("${{ secrets.GITHUB_TOKEN }}", run.At("env", "GITHUB_TOKEN").Text());
        var checkout = Steps.Single(step => step.Children.TryGetValue("uses", out var uses) && uses.Text().StartsWith("actions/checkout@"));
        Assert.Equal("false", checkout.At("with", "persist-credentials").Text());
        var workflow = Attribute.CreateWorkflow();
        Attribute.ApplyHook(BuildUnderTest.Type, workflow);
        Assert.Empty(WorkflowConsistency.Problems(workflow, BuildUnderTest.Description()));
    }

    [SkippableFact]
    public void It_passes_lint_workflows_with_pins_required()
    {
        var result = WorkflowLint.Run(CommittedPath);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("1 file(s), 0 error(s), 0 warning(s)", result.Output);
    }

    static Dictionary<string, string> Permissions(YamlMappingNode node) =>
        ((YamlMappingNode)node.At("permissions")).Children.ToDictionary(p => p.Key.Text(), p => p.Value.Text());
}
