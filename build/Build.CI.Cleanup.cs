using Workflows;

/// <summary>
/// .github/workflows/mlflow-image-cleanup.yml: the package's retention (Prune). A closed pull request prunes that
/// pull request's tags; the weekly run applies the full plan; a run by hand is a dry run unless unticked.
/// Regenerate with ./build.sh --generate-configuration GitHubActions_mlflow-image-cleanup.
/// </summary>
[GitHubActions(CleanupWorkflow, "ubuntu-24.04",
    OnPullRequestTypes = ["closed"],
    On = [GitHubActionsTrigger.WorkflowDispatch],
    OnCronSchedule = "23 4 * * 1", // Mondays 04:23 UTC, off the hour when GitHub's scheduler is busiest
    InvokedTargets = [nameof(IPrune.Prune)],
    EnableGitHubToken = true,
    // contents: read only so actions/checkout can fetch the build in a private repository.
    ReadPermissions = [GitHubActionsPermissions.Contents, GitHubActionsPermissions.PullRequests],
    WritePermissions = [GitHubActionsPermissions.Packages],
    // Never two prunes at once: each plans from what the other may be deleting.
    ConcurrencyGroup = "${{ github.workflow }}",
    TimeoutMinutes = 30,
    DotNetGlobalJsonFile = "global.json")]
partial class Build
{
    internal const string CleanupWorkflow = "mlflow-image-cleanup";

    static void ConfigureCleanup(Workflow workflow)
    {
        workflow.On.DispatchInputs.Add(new DispatchInput("dry-run", "Only print the plan; delete nothing", "boolean", true));
        // Scheduled and pull-request runs delete; a run by hand deletes only when dry-run is unticked.
        foreach (var step in workflow.Jobs.SelectMany(job => job.Steps).OfType<BuildStep>())
            step.Parameters[nameof(IPrune.Apply)] = "${{ github.event_name != 'workflow_dispatch' || !inputs.dry-run }}";
    }
}
