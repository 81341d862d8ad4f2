using System.Reflection;
using Build.Tests.Support;
using global::Workflows;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>.github/workflows/mlflow-image-cleanup.yml: current, the three triggers, least privilege, lint clean.</summary>
public class CleanupWorkflowTests
{
    static GitHubActionsAttribute Attribute =>
        BuildUnderTest.Type.GetCustomAttributes<GitHubActionsAttribute>().Single(attribute => attribute.Name == "mlflow-image-cleanup");
    static string CommittedPath => Path.Combine(Repo.Root, Attribute.RelativePath);
    static YamlMappingNode Root => WorkflowYaml.Read(File.ReadAllText(CommittedPath));

    [Fact]
    public void The_committed_file_is_what_the_second_attribute_generates()
    {
        var generated = Attribute.Generate(BuildUnderTest.Description()).Single();
        Assert.Equal(".github/workflows/mlflow-image-cleanup.yml", generated.RelativePath);
        Assert.True(generated.Content == File.ReadAllText(CommittedPath),
            $"{generated.RelativePath} is stale: run ./build.sh --generate-configuration {Attribute.Id} and commit the result");
    }

    [Fact]
    public void It_runs_when_a_pull_request_closes_weekly_and_by_hand_with_a_dry_run_input()
    {
        var on = (YamlMappingNode)Root.At("on");
        Assert.Equal(["pull_request", "workflow_dispatch", "schedule"], on.Children.Keys.Select(key => key.Text()));
        Assert.Equal(["closed"], ((YamlSequenceNode)Root.At("on", "pull_request", "types")).Children.Select(type => type.Text()));
        Assert.Single(((YamlMappingNode)Root.At("on", "pull_request")).Children); // no branch or path filter: every closed pull request
        Assert.Matches(@"^\d+ \d+ \* \* \d$", ((YamlSequenceNode)Root.At("on", "schedule")).Children.Single().At("cron").Text());
        Assert.Equal("boolean", Root.At("on", "workflow_dispatch", "inputs", "dry-run", "type").Text());
        Assert.Equal("true", Root.At("on", "workflow_dispatch", "inputs", "dry-run", "default").Text());
    }

    [Fact]
    public void It_may_write_packages_and_read_pull_requests_and_nothing_more()
    {
        var permissions = ((YamlMappingNode)Root.At("permissions")).Children.ToDictionary(p => p.Key.Text(), p => p.Value.Text());
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["packages"] = "write", ["pull-requests"] = "read" }, permissions);
        foreach (var job in ((YamlMappingNode)Root.At("jobs")).Children.Values.Cast<YamlMappingNode>())
            Assert.False(job.Children.ContainsKey("permissions"));
    }

    [Fact]
    public void It_runs_Prune_applying_except_on_a_dry_run_by_hand()
    {
        var step = ((YamlSequenceNode)((YamlMappingNode)Root.At("jobs")).Children.Values.Single().At("steps")).Children
            .Cast<YamlMappingNode>().Single(s => s.Children.ContainsKey("run"));
        Assert.Equal("./build.cmd Prune", step.At("run").Text());
        Assert.Equal("${{ github.event_name != 'workflow_dispatch' || !inputs.dry-run }}", step.At("env", "Apply").Text());
        Assert.Equal("${{ secrets.GITHUB_TOKEN }}", step.At("env", "GITHUB_TOKEN").Text());
        Assert.Empty(WorkflowConsistency.Problems(Workflow(), BuildUnderTest.Description()));
    }

    [SkippableFact]
    public void It_passes_lint_workflows()
    {
        var result = WorkflowLint.Run(CommittedPath);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    static Workflow Workflow()
    {
        var workflow = Attribute.CreateWorkflow();
        Attribute.ApplyHook(BuildUnderTest.Type, workflow);
        return workflow;
    }
}
