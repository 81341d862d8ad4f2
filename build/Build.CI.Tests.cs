using Workflows;
using Workflows.Layouts;

/// <summary>
/// .github/workflows/tests.yml: every pull request and push runs the tests as .ci/run does here: the stack (on the
/// throwaway runner with --configure-engine: the containerd image store and arm64 emulation), then the test command.
/// Regenerate with ./build.sh --generate-configuration GitHubActions_tests.
/// </summary>
[GitHubActions(TestsWorkflow, "ubuntu-24.04",
    On = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest, GitHubActionsTrigger.WorkflowDispatch],
    RunCommands = [StackCommand, TestCommand],
    ReadPermissions = [GitHubActionsPermissions.Contents],
    // One run per ref; a newer push to a pull request cancels the older run.
    ConcurrencyGroup = "${{ github.workflow }} @ ${{ github.ref }}",
    ConcurrencyCancelInProgressIf = "github.event_name == 'pull_request'",
    TimeoutMinutes = 45,
    DotNetGlobalJsonFile = "global.json",
    CacheIncludePatterns = ["~/.nuget/packages"],
    CacheKeyFiles = ["global.json", "**/*.csproj", ".config/dotnet-tools.json"])]
partial class Build
{
    internal const string TestsWorkflow = "tests";

    /// <summary>The stack script; on a CI runner it may reconfigure and restart dockerd.</summary>
    internal const string StackCommand = "bash .ci/stack --configure-engine";

    /// <summary>The README's test command: the stack (idempotent), dotnet test, the skipped tests and the totals.</summary>
    internal const string TestCommand = "bash .ci/run";

    static void ConfigureTests(Workflow workflow)
    {
        // The cosign the tests were written against (Ubuntu has no cosign package); .ci/stack then finds it on PATH.
        var install = ActionPins.CosignInstaller.Step("Install cosign");
        install.With["cosign-release"] = SigningSteps.CosignRelease;
        foreach (var job in workflow.Jobs) job.InsertBefore<RunStep>(install);
    }
}
