using System.Reflection;
using global::Workflows;

namespace Build.Tests.Workflows;

/// <summary>Which workflows MlflowRelease starts on its pull request: those that check pull requests, found in the build class.</summary>
public class PullRequestChecksTests
{
    [Fact]
    public void The_build_starts_the_publish_workflow_with_push_off_and_neither_cleanup_nor_release()
    {
        var (dispatchable, notDispatchable) = PullRequestChecks.Of(BuildUnderTest.Type);
        var publish = Assert.Single(dispatchable, dispatch => dispatch.File == "mlflow-image-publish.yml");
        Assert.Equal(new Dictionary<string, string> { ["push"] = "false" }, publish.Inputs);
        Assert.DoesNotContain(dispatchable, dispatch => dispatch.File is "mlflow-image-cleanup.yml" or "mlflow-release.yml");
        Assert.Empty(notDispatchable);
    }

    [Fact]
    public void Every_workflow_of_the_build_that_checks_pull_requests_can_be_started_by_hand()
    {
        // GitHub runs none of them for the release pull request GITHUB_TOKEN opens; MlflowRelease starts them instead.
        var (_, notDispatchable) = PullRequestChecks.Of(BuildUnderTest.Type);
        Assert.True(notDispatchable.Count == 0,
            $"{string.Join(", ", notDispatchable)} check pull requests but have no workflow_dispatch trigger: add GitHubActionsTrigger.WorkflowDispatch to On, so MlflowRelease can start them on its pull request");
    }

    [Fact]
    public void Closed_only_triggers_do_not_count_and_a_check_without_dispatch_is_named()
    {
        var (dispatchable, notDispatchable) = PullRequestChecks.Of(typeof(Sample));
        Assert.Equal(["checks.yml"], dispatchable.Select(dispatch => dispatch.File));
        Assert.Empty(dispatchable[0].Inputs);
        Assert.Equal(["lint.yml"], notDispatchable);
    }

    [GitHubActions("checks", "ubuntu-24.04", On = [GitHubActionsTrigger.PullRequest, GitHubActionsTrigger.WorkflowDispatch], InvokedTargets = ["Test"])]
    [GitHubActions("lint", "ubuntu-24.04", OnPullRequestBranches = ["main"], InvokedTargets = ["Lint"])]
    [GitHubActions("tidy", "ubuntu-24.04", OnPullRequestTypes = ["closed"], On = [GitHubActionsTrigger.WorkflowDispatch], InvokedTargets = ["Tidy"])]
    sealed class Sample;
}
