using GitHub.Workflows;
using GitHub.Workflows.Layouts;

namespace Build.Tests.GitHub.Workflows;

public sealed class WorkflowLintTests : IDisposable
{
    readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("workflow-lint-");

    public void Dispose() => directory.Delete(recursive: true);

    [SkippableFact]
    public void The_committed_workflow_passes_every_validator_with_pins_required_and_no_warnings()
    {
        var result = WorkflowLint.Run(BuildUnderTest.CommittedPath);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("1 file(s), 0 error(s), 0 warning(s)", result.Output);
    }

    [SkippableFact]
    public void The_single_runner_layout_passes_too()
    {
        var workflow = BuildUnderTest.Attribute.CreateWorkflow();
        new SingleRunnerLayout("publish").Apply(workflow);
        var result = WorkflowLint.Run(WriteTemporary(workflow));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("1 file(s), 0 error(s), 0 warning(s)", result.Output);
    }

    [SkippableFact]
    public void The_validators_catch_an_unpinned_action_and_an_unknown_runner_label()
    {
        var workflow = BuildUnderTest.Workflow();
        workflow.Job("merge").Steps.Insert(1, new ActionStep(ActionPins.SetupQemu with { Sha = "v4" }));
        workflow.Job("merge").RunsOn[0] = "ubuntu-24.04-armm";
        var result = WorkflowLint.Run(WriteTemporary(workflow));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[pin-check]", result.Output);
        Assert.Contains("ubuntu-24.04-armm", result.Output);
    }

    string WriteTemporary(Workflow workflow)
    {
        var file = Path.Combine(directory.FullName, "mlflow-image-publish.yml");
        File.WriteAllText(file, WorkflowYamlWriter.Write(workflow, BuildUnderTest.Attribute.Header));
        return file;
    }
}
