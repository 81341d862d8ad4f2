namespace GitHub.Workflows.Layouts;

/// <summary>
/// Makes the job that moves the tags sign keyless: cosign installed before the build step, GitHub's own
/// attestation of the index after it, and only this job gets <c>id-token</c> and <c>attestations</c>. A fork's pull request pushes nothing, so the job does not run for it and never
/// asks for an OIDC token.
/// </summary>
internal static class SigningSteps
{
    /// <summary>The cosign the tests run (Debian's 2.5.0 here): cosign-installer would otherwise install cosign 3.</summary>
    public const string CosignRelease = "v2.5.0";

    public const string NotForkPullRequest =
        "github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository";

    public static void Apply(WorkflowJob job, string buildStepId)
    {
        job.Permissions ??= new Permissions();
        job.Permissions[GitHubActionsPermissions.IdToken] = PermissionLevel.Write;
        job.Permissions[GitHubActionsPermissions.Attestations] = PermissionLevel.Write;
        // Not artifact-metadata: it only adds the org's "linked artifacts" storage record, and lint-workflows'
        // actionlint (1.7.7) rejects the scope as unknown. Permissions.ArtifactMetadata is there when that changes.
        job.If = job.If is { } existing ? $"({existing}) && ({NotForkPullRequest})" : NotForkPullRequest;

        var install = ActionPins.CosignInstaller.Step("Install cosign");
        install.With["cosign-release"] = CosignRelease;
        job.InsertBefore<BuildStep>(install);

        // The build signed, attested and verified the index before any tag moved; this adds GitHub's attestation
        // (gh attestation verify) for the same digest, with the provenance predicate the build wrote.
        var attest = ActionPins.Attest.Step("Attest the index (GitHub attestation)");
        attest.If = $"steps.{buildStepId}.outputs.signed == 'true'";
        attest.With["subject-name"] = $"${{{{ steps.{buildStepId}.outputs.image }}}}";
        attest.With["subject-digest"] = $"${{{{ steps.{buildStepId}.outputs.digest }}}}";
        attest.With["predicate-type"] = "https://slsa.dev/provenance/v1";
        attest.With["predicate-path"] = $"${{{{ steps.{buildStepId}.outputs.provenance }}}}";
        attest.With["push-to-registry"] = true;
        job.InsertAfter<BuildStep>(attest);
    }
}
