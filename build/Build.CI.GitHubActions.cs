using GitHub.Workflows;
using GitHub.Workflows.Layouts;

/// <summary>
/// .github/workflows/mlflow-image-publish.yml comes from here. Change this file, then run
/// ./build.sh --generate-configuration GitHubActions_mlflow-image-publish (or any local run).
/// </summary>
[GitHubActions("mlflow-image-publish", "ubuntu-24.04",
    OnPushBranches = ["main", "master"],
    OnPushIncludePaths = ["dockerfile.mlflow", ".github/workflows/mlflow-image-publish.yml", "build/**", ".nuke/**", "build.sh", "build.cmd", "global.json"],
    OnPullRequestBranches = ["main", "master"],
    OnPullRequestIncludePaths = ["dockerfile.mlflow", ".github/workflows/mlflow-image-publish.yml", "build/**", ".nuke/**", "build.sh", "build.cmd", "global.json"],
    On = [GitHubActionsTrigger.WorkflowDispatch],
    InvokedTargets = [nameof(IPublish.Publish)],
    EnableGitHubToken = true,
    FetchDepth = 0, // GitVersion needs the history
    ReadPermissions = [GitHubActionsPermissions.Contents],
    JobWritePermissions = [GitHubActionsPermissions.Packages],
    // One run per ref; a newer push to a pull request cancels the older run, a default-branch run is never cancelled.
    ConcurrencyGroup = "${{ github.workflow }} @ ${{ github.ref }}",
    ConcurrencyCancelInProgressIf = "github.event_name == 'pull_request'",
    TimeoutMinutes = 60)]
partial class Build : IConfigureGitHubActions
{
    /// <summary>Native: a runner per platform, then a merge job. Single: one runner, arm64 through QEMU.</summary>
    internal static WorkflowLayout PublishLayout => WorkflowLayout.Native;

    internal static readonly NativePlatformsLayout NativeLayout = new(
        Platforms: [new("linux/amd64", "ubuntu-24.04"), new("linux/arm64", "ubuntu-24.04-arm")],
        PlatformTargets: [nameof(IDockerBuildx.DockerBuildx)],
        MergeTargets: ["Merge", "Summary"],
        Outputs: ["image", "digest", "tags", "version"]);

    void IConfigureGitHubActions.ConfigureGitHubActions(GitHubActionsAttribute attribute, Workflow workflow)
    {
        if (attribute.Name == CleanupWorkflow) { ConfigureCleanup(workflow); return; }
        if (PublishLayout == WorkflowLayout.Native) NativeLayout.Apply(workflow, attribute);
        else new SingleRunnerLayout("publish").Apply(workflow);
    }
}
