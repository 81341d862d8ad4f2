namespace Workflows;

/// <summary>
/// The workflow whose job signs keyless: among the build's [GitHubActions] workflows, the one whose job installs cosign and
/// holds an OIDC token (the signing job), found by generating each model the way the generator does. Chosen by what it is, never by
/// the order of the attributes (which reflection does not define).
/// </summary>
internal static class SigningWorkflow
{
    /// <summary>The file name (e.g. "image-publish.yml"), or null when no workflow, or more than one, signs.</summary>
    public static string? FileOf(Type buildType)
    {
        var signing = System.Reflection.CustomAttributeExtensions.GetCustomAttributes<GitHubActionsAttribute>(buildType, inherit: true)
            .Where(attribute => Signs(attribute, buildType))
            .Select(attribute => Path.GetFileName(attribute.RelativePath))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return signing.Count == 1 ? signing[0] : null;
    }

    static bool Signs(GitHubActionsAttribute attribute, Type buildType)
    {
        var workflow = attribute.CreateWorkflow();
        attribute.ApplyHook(buildType, workflow);
        // Keyless signing needs the job's OIDC token: a job that only installs cosign (the tests workflow) does not sign.
        return workflow.Jobs.Any(job => job.Steps.OfType<ActionStep>().Any(step => step.Action == ActionPins.CosignInstaller)
            && job.Permissions?[GitHubActionsPermissions.IdToken] == PermissionLevel.Write);
    }
}
