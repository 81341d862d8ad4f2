namespace Workflows.Layouts;

/// <summary>The action steps that prepare a runner for buildx run from a <c>run:</c> step.</summary>
internal static class DockerSteps
{
    public static ActionStep SetupQemu() => ActionPins.SetupQemu.Step("Set up QEMU");

    /// <summary>A docker-container builder: the runner's default docker driver cannot export the gha cache.</summary>
    public static ActionStep SetupBuildx() => ActionPins.SetupBuildx.Step("Set up Docker Buildx");

    /// <summary>The gha cache needs ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL, which run: steps do not see.</summary>
    public static ActionStep GitHubRuntime() => ActionPins.GitHubRuntime.Step("Expose the GitHub runtime to the build");
}
