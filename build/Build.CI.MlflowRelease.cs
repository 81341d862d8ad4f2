using Workflows;
using Mlflow;

/// <summary>
/// .github/workflows/mlflow-release.yml: a new MLflow release becomes one pull request that changes the default
/// version (MlflowRelease --update). Daily, and by hand with an option to only compare.
/// Regenerate with ./build.sh --generate-configuration GitHubActions_mlflow-release.
/// </summary>
[GitHubActions(MlflowReleaseWorkflow, "ubuntu-24.04",
    On = [GitHubActionsTrigger.WorkflowDispatch],
    OnCronSchedule = "41 5 * * *", // daily 05:41 UTC, off the hour when GitHub's scheduler is busiest
    InvokedTargets = [nameof(IMlflowRelease.MlflowRelease)],
    EnableGitHubToken = true,
    // An app or personal token, when the repository has one: GitHub then runs the pull request's own workflows.
    ImportSecrets = [nameof(IMlflowRelease.ReleaseToken)],
    ReadPermissions = [GitHubActionsPermissions.Contents],
    // Only the job writes: the branch (contents), the pull request, and the checks it starts on it with GITHUB_TOKEN
    // (actions: workflow_dispatch, one of the two events GitHub lets that token cause).
    JobWritePermissions = [GitHubActionsPermissions.Actions, GitHubActionsPermissions.Contents, GitHubActionsPermissions.PullRequests],
    // Never two at once: both would push the same branch and open the same pull request.
    ConcurrencyGroup = "${{ github.workflow }}",
    TimeoutMinutes = 15,
    DotNetGlobalJsonFile = "global.json")]
partial class Build
{
    internal const string MlflowReleaseWorkflow = "mlflow-release";

    static void ConfigureMlflowRelease(Workflow workflow)
    {
        workflow.On.DispatchInputs.Add(new DispatchInput("update", "Open a pull request when a newer MLflow is out (untick: only compare)", "boolean", true));
        foreach (var job in workflow.Jobs)
        {
            // The build pushes with the token in git's environment; no copy of it stays in .git/config for later steps.
            foreach (var checkout in job.Steps.OfType<ActionStep>().Where(step => step.Action == ActionPins.Checkout))
                checkout.With["persist-credentials"] = false;
            foreach (var step in job.Steps.OfType<BuildStep>())
                step.Parameters[nameof(IMlflowRelease.Update)] = "${{ github.event_name != 'workflow_dispatch' || inputs.update }}";
        }
    }
}
