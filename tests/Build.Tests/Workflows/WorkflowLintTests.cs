using global::Workflows;
using global::Workflows.Layouts;

namespace Build.Tests.Workflows;

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

    /// <summary>
    /// Issue 16: with CI publishing two MLflow versions, the matrix is versions × platforms, each version merges its own
    /// digests, and neither fail-fast nor a failed build of one version stops the other's merge.
    /// </summary>
    [SkippableFact]
    public void Two_mlflow_versions_build_versions_times_platforms_and_merge_per_version()
    {
        var workflow = BuildUnderTest.Attribute.CreateWorkflow();
        string[] versions = ["v3.1.1", "v3.0.1"];
        var native = (NativePlatformsLayout)BuildUnderTest.Type.GetField("NativeLayout", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!.GetValue(null)!;
        var layout = native with
        {
            Variants = [.. versions.Select(v => new LayoutVariant(v, new Dictionary<string, string> { ["MlflowVersion"] = v, ["MlflowVersions"] = "v3.1.1,v3.0.1" }))],
        };
        layout.Apply(workflow, BuildUnderTest.Attribute);
        SigningSteps.Apply(workflow.Job("merge"), layout.MergeStepId);

        var build = workflow.Job("build");
        Assert.False(build.Strategy!.FailFast);
        Assert.Equal(
            [("v3.1.1", "linux/amd64"), ("v3.1.1", "linux/arm64"), ("v3.0.1", "linux/amd64"), ("v3.0.1", "linux/arm64")],
            build.Strategy.MatrixInclude.Select(entry => (entry["MlflowVersion"].Text, entry["platform"].Text)));
        Assert.Equal("${{ matrix.MlflowVersion }}", build.Steps.OfType<BuildStep>().Single().Parameters["MlflowVersion"].Text);
        Assert.Equal("digests-${{ matrix.variant }}-${{ matrix.slug }}", build.Steps.OfType<ActionStep>().Last().With["name"].Text);
        var merge = workflow.Job("merge");
        Assert.Equal(versions, merge.Strategy!.MatrixInclude.Select(entry => entry["MlflowVersion"].Text));
        Assert.StartsWith("!cancelled() && (", merge.If);
        // A job's `if` cannot read its matrix entry: with versions there is no first job deciding for all of them.
        Assert.Null(workflow.Jobs.FirstOrDefault(job => job.Id == "inputs"));
        Assert.Equal("digests-${{ matrix.variant }}-*", merge.Steps.OfType<ActionStep>().Single(s => s.Action == ActionPins.DownloadArtifact).With["pattern"].Text);
        Assert.Equal("${{ matrix.MlflowVersions }}", merge.Steps.OfType<BuildStep>().Single().Parameters["MlflowVersions"].Text);

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

    [SkippableFact]
    public void Every_validator_runs_each_catching_its_own_kind_of_fault()
    {
        var file = Path.Combine(directory.FullName, "faults.yml");
        File.WriteAllText(file, """
            name: faults
            on:
              push:
            jobs:
              a:
                runs-on: ubuntu-lates
                steps:
                  - run: echo "unterminated
              b:
                runs-on: ubuntu-24.04
                steps:
                  - run: echo trailing{SPACES}
            """.Replace("{SPACES}", "   ")); // trailing spaces, written here so no editor trims them
        var result = WorkflowLint.Run(file);

        Assert.Equal(1, result.ExitCode);
        foreach (var tool in new[] { "[actionlint:runner-label]", "[ghschema]", "[shellcheck] SC1073", "[yamllint] trailing spaces" })
            Assert.Contains(tool, result.Output);
    }

    string WriteTemporary(Workflow workflow)
    {
        var file = Path.Combine(directory.FullName, "mlflow-image-publish.yml");
        File.WriteAllText(file, WorkflowYamlWriter.Write(workflow, BuildUnderTest.Attribute.Header));
        return file;
    }
}
