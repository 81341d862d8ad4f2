using GitHub;

namespace Signing;

/// <summary>Whether this run signs, and the sentence the log and the summary give for it.</summary>
internal sealed record SigningDecision(bool Sign, string Reason);

/// <summary>
/// The --sign default: on for pushes on GitHub Actions (keyless, when the job has an OIDC token) and whenever a key
/// is given; off otherwise. Nothing pushed means nothing to sign: fork pull requests and local loads never sign,
/// whatever --sign says.
/// </summary>
internal static class SigningPolicy
{
    /// <param name="hasOidcToken">The job can ask GitHub for an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL; `id-token: write`).</param>
    public static SigningDecision Decide(bool? requested, bool push, bool hasKey, GitHubContext context, bool hasOidcToken = true)
    {
        if (!push)
            return new(false, context.IsForkPullRequest ? "unsigned: a fork's pull request pushes nothing and never signs."
                : "unsigned: nothing is pushed, so nothing is signed.");
        if (requested == false) return new(false, "unsigned: --sign was turned off.");
        if (hasKey) return new(true, "signed with the key given by --cosign-key.");
        if (context.IsGitHubActions && hasOidcToken) return new(true, "signed keyless with the workflow's GitHub OIDC identity.");
        // A job without `id-token: write` cannot sign keyless: unsigned by default, an error when asked for.
        if (context.IsGitHubActions)
            return requested == true
                ? throw new BuildError("--sign on GitHub Actions needs the job's OIDC token (permissions: id-token: write) or --cosign-key <path> with COSIGN_PASSWORD set.")
                : new(false, "unsigned: this job has no OIDC token (id-token: write) and no --cosign-key.");
        return requested == true
            ? throw new BuildError("--sign needs a key outside GitHub Actions (keyless signing needs the workflow's OIDC token): pass --cosign-key <path> with COSIGN_PASSWORD set.")
            : new(false, "unsigned: no --cosign-key outside GitHub Actions.");
    }
}
