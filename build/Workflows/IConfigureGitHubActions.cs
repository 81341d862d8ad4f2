namespace Workflows;

/// <summary>
/// The typed hook for what attributes express badly: extra steps at chosen places, extra jobs, matrices,
/// job outputs. The build class implements it; the generator calls it after building the workflow from
/// the attribute and before checking it against the build and writing it. Static, so the generator never
/// constructs the build it describes (a build's constructor and parameters belong to a run).
/// </summary>
internal interface IConfigureGitHubActions
{
    static abstract void ConfigureGitHubActions(GitHubActionsAttribute attribute, Workflow workflow);
}
