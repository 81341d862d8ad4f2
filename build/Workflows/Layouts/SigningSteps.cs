namespace Workflows.Layouts;

/// <summary>
/// Makes the job that moves the tags sign keyless: cosign installed before the build step, GitHub's own
/// attestation of the index after it, and only this job gets <c>id-token</c> and <c>attestations</c>. A fork's pull request pushes nothing, so the job does not run for it and never
/// asks for an OIDC token.
/// </summary>
internal static class SigningSteps
{
    /// <summary>
    /// The newest cosign 2 (v2.6.4, 2026-07-17; cosign-installer v4.1.2 accepts 2.x from v2.6.0 on), not cosign-installer's
    /// default cosign 3: cosign 2 writes the sha256-&lt;digest&gt;.sig/.att tags that every cosign (2.x and 3.x), Prune and
    /// the undo of a refused promotion read, and takes the flags the build uses (--tlog-upload=false) as they are; the
    /// tests run the same format with Debian's cosign 2.5. docs/signing.md has the cosign 3 commands.
    /// </summary>
    public const string CosignRelease = "v2.6.4";

    public const string NotForkPullRequest =
        "github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository";

    public static void Apply(WorkflowJob job, string buildStepId)
    {
        job.Permissions ??= new Permissions();
        job.Permissions[GitHubActionsPermissions.IdToken] = PermissionLevel.Write;
        job.Permissions[GitHubActionsPermissions.Attestations] = PermissionLevel.Write;
        // Not artifact-metadata: it only adds the org's "linked artifacts" storage record, and lint-workflows'
        // actionlint (1.7.7) rejects the scope as unknown. Permissions.ArtifactMetadata is there when that changes.
        job.If = WorkflowCondition.And(job.If, NotForkPullRequest);

        var install = ActionPins.CosignInstaller.Step("Install cosign");
        install.With["cosign-release"] = CosignRelease;
        job.InsertBefore<BuildStep>(install);

        // The build signed, attested and verified the index before any tag moved; this adds GitHub's attestation
        // (gh attestation verify) for the same digest, with the provenance predicate the build wrote.
        var attest = ActionPins.Attest.Step("Attest the index (GitHub attestation)");
        // Only what this run attested: an unchanged image whose signatures are current has no new provenance.
        attest.If = $"steps.{buildStepId}.outputs.signed == 'true' && steps.{buildStepId}.outputs.provenance != ''";
        attest.With["subject-name"] = $"${{{{ steps.{buildStepId}.outputs.image }}}}";
        attest.With["subject-digest"] = $"${{{{ steps.{buildStepId}.outputs.digest }}}}";
        attest.With["predicate-type"] = "https://slsa.dev/provenance/v1";
        attest.With["predicate-path"] = $"${{{{ steps.{buildStepId}.outputs.provenance }}}}";
        attest.With["push-to-registry"] = true;
        job.InsertAfter<BuildStep>(attest);
    }
}
