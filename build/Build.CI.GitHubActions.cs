using Mlflow;
using Workflows;
using Workflows.Layouts;

/// <summary>
/// .github/workflows/mlflow-image-publish.yml comes from here. Change this file, then run
/// ./build.sh --generate-configuration GitHubActions_mlflow-image-publish (or any local run).
/// </summary>
[GitHubActions("mlflow-image-publish", "ubuntu-24.04",
    OnPushBranches = ["main", "master"],
    // Release tags reach type=semver rules and GitVersion (GitHub applies no path filter to tag pushes).
    OnPushTags = ["v*"],
    // Every input of the image and of the build: a change to any of them runs the workflow.
    OnPushIncludePaths = ["dockerfile.mlflow", ".dockerignore", "GitVersion.yml", ".github/workflows/mlflow-image-publish.yml", "build/**", ".nuke/**", "build.sh", "build.cmd", "build.ps1", "global.json", "Directory.*"],
    OnPullRequestBranches = ["main", "master"],
    OnPullRequestIncludePaths = ["dockerfile.mlflow", ".dockerignore", "GitVersion.yml", ".github/workflows/mlflow-image-publish.yml", "build/**", ".nuke/**", "build.sh", "build.cmd", "build.ps1", "global.json", "Directory.*"],
    On = [GitHubActionsTrigger.WorkflowDispatch],
    // Weekly rebuild on a fresh base (a schedule event pulls: IDockerBuildx.Pull), Mondays 03:17 UTC, before the
    // cleanup at 04:23; Merge moves the tags only if a platform image changed (README "MLflow versions").
    OnCronSchedule = "17 3 * * 1",
    InvokedTargets = [nameof(IPublish.Publish)],
    EnableGitHubToken = true,
    FetchDepth = 0, // GitVersion needs the history
    ReadPermissions = [GitHubActionsPermissions.Contents],
    JobWritePermissions = [GitHubActionsPermissions.Packages],
    // One run per ref; a newer push to a pull request cancels the older run, a default-branch run is never cancelled.
    ConcurrencyGroup = "${{ github.workflow }} @ ${{ github.ref }}",
    ConcurrencyCancelInProgressIf = "github.event_name == 'pull_request'",
    TimeoutMinutes = 60,
    // A job starts its first target without restoring or compiling when the compiled build is cached (README, "CI start"):
    // the generator's one cache recipe (CompiledBuildCache), as in every workflow.
    DotNetGlobalJsonFile = "global.json")]
partial class Build : IConfigureGitHubActions
{
    /// <summary>Native: a runner per platform, then a merge job. Single: one runner, arm64 through QEMU.</summary>
    internal static WorkflowLayout PublishLayout => WorkflowLayout.Native;

    /// <summary>The GitHub-hosted runner that builds each platform natively.</summary>
    static readonly Dictionary<string, string> NativeRunners = new() { ["linux/amd64"] = "ubuntu-24.04", ["linux/arm64"] = "ubuntu-24.04-arm" };

    internal static readonly NativePlatformsLayout NativeLayout = new(
        Platforms: [.. IDockerBuildx.ServerPlatforms.Select(platform => new PlatformRunner(platform, NativeRunners[platform]))],
        // Each platform's image is smoke-tested on its own runner (arm64 natively) before its digest is handed over:
        // a failure fails the job, so the merge job (it needs every platform job) never runs and no tag moves.
        PlatformTargets: [nameof(IDockerBuildx.DockerBuildx), nameof(ISmokeTest.SmokeTest)],
        MergeTargets: [nameof(IMerge.Merge), nameof(ISummary.Summary)],
        Outputs: ["image", "digest", "tags", "version", "signed"])
    {
        // A first job compares the input fingerprint with what the tags hold: an unchanged run builds nothing.
        DecisionTargets = [nameof(IDockerBuildx.CheckInputs)],
        Variants = [.. CiMlflowVersions.Select(version => new LayoutVariant(version, new Dictionary<string, string>
            { ["MlflowVersion"] = version, ["MlflowVersions"] = string.Join(',', CiMlflowVersions) }))],
    };

    /// <summary>
    /// The MLflow versions CI publishes, newest line first (it takes the branch tags), e.g. ["v3.1.1", "v3.0.1"]: the
    /// workflow then builds versions × platforms and merges each version on its own. Empty: the build's default
    /// version only (no version in the workflow, so a new default needs no regenerated workflow).
    /// </summary>
    internal static string[] CiMlflowVersions => [];

    static void IConfigureGitHubActions.ConfigureGitHubActions(GitHubActionsAttribute attribute, Workflow workflow)
    {
        if (attribute.Name == CleanupWorkflow) { ConfigureCleanup(workflow); return; }
        if (attribute.Name == TestsWorkflow) { ConfigureTests(workflow); return; }
        if (attribute.Name == MlflowReleaseWorkflow) { ConfigureMlflowRelease(workflow); return; }
        // MlflowRelease starts this workflow on its pull request with push off (PushPolicy reads the input).
        workflow.On.DispatchInputs.Add(new DispatchInput(PullRequestChecks.PushInput, "Push the image and move its tags (untick: build and check only)", "boolean", true));
        if (PublishLayout == WorkflowLayout.Native)
        {
            NativeLayout.Apply(workflow, attribute);
            var merge = workflow.Job(NativeLayout.MergeJobId);
            // Keyless signing happens where the tags move: the merge job only.
            SigningSteps.Apply(merge, NativeLayout.MergeStepId);
            // A run by hand with push off has no digests to merge: its checks are the platform jobs'.
            var pushed = $"github.event_name != 'workflow_dispatch' || inputs.{PullRequestChecks.PushInput}";
            merge.If = WorkflowCondition.And(merge.If, pushed);
        }
        else new SingleRunnerLayout("publish").Apply(workflow);
    }
}
