namespace Workflows.Layouts;

/// <summary>
/// The seed's shape, fixed: one job builds every platform on one runner, arm64 through QEMU (which the
/// seed forgot to set up). Slower than native runners, but one job and no artifacts.
/// </summary>
internal sealed record SingleRunnerLayout(string JobId)
{
    public void Apply(Workflow workflow)
    {
        var job = workflow.Jobs.Single();
        job.Id = JobId;
        job.Name = JobId;
        job.InsertBefore<BuildStep>(DockerSteps.SetupQemu(), DockerSteps.SetupBuildx(), DockerSteps.GitHubRuntime());
    }
}
