namespace Signing;

/// <summary>What the keyless identity is made from, read at the edge.</summary>
/// <param name="WorkflowRef">GITHUB_WORKFLOW_REF on GitHub Actions ("owner/repo/.github/workflows/file.yml@refs/heads/main"), else null.</param>
/// <param name="Repository">owner/repo: --repository, the GitHub context or the origin remote; empty when none names it.</param>
/// <param name="SigningWorkflowFile">The build's workflow that has the signing job; null when none (or several) does.</param>
/// <param name="Ref">The ref the workflow ran at (the checked-out branch locally); empty when unknown.</param>
internal sealed record IdentitySources(string? WorkflowRef, string ServerUrl, string Repository, string? SigningWorkflowFile, string Ref, string? DefaultBranch = null);

/// <summary>
/// The one place the keyless signer identity is computed: the certificate's subject GitHub's OIDC token gets from
/// Fulcio (https://github.com/owner/repo/.github/workflows/file.yml@ref) and its issuer. On GitHub Actions the
/// workflow that is running (GITHUB_WORKFLOW_REF) names it; elsewhere the build's signing workflow at this ref.
/// </summary>
internal static class KeylessIdentity
{
    /// <summary>The identity, or a <see cref="BuildError"/> naming the option to give when it cannot be known.</summary>
    public static SignerIdentity.Keyless Resolve(IdentitySources sources)
    {
        var server = sources.ServerUrl.TrimEnd('/');
        if (sources.WorkflowRef is { Length: > 0 } running)
            return new SignerIdentity.Keyless($"{server}/{running}");
        if (sources.Repository.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            throw new BuildError("Cannot tell whose workflow signed keyless: no GitHub owner/repo is known (origin remote, GitHub context). Pass --repository <owner>/<repo>, --certificate-identity <identity>, or --cosign-public-key <file> for a key.");
        if (sources.SigningWorkflowFile is not { Length: > 0 } file)
            throw new BuildError("Cannot tell which workflow signs keyless: no single workflow of this build has the signing job. Pass --certificate-identity <identity>.");
        var gitRef = sources.Ref is { Length: > 0 } known ? known
            : sources.DefaultBranch is { Length: > 0 } branch ? $"refs/heads/{branch}"
            : throw new BuildError("Cannot tell at which ref the workflow signed: no branch is checked out. Pass --certificate-identity <identity>.");
        return new SignerIdentity.Keyless($"{server}/{sources.Repository}/.github/workflows/{file}@{gitRef}");
    }
}
