using GitHub;

namespace Signing;

/// <summary>Whether this run signs, and the sentence the log and the summary give for it.</summary>
public sealed record SigningDecision(bool Sign, string Reason);

/// <summary>
/// The --sign default: on for pushes on GitHub Actions (keyless) and whenever a key is given; off otherwise.
/// Nothing pushed means nothing to sign: fork pull requests and local loads never sign, whatever --sign says.
/// </summary>
public static class SigningPolicy
{
    public static SigningDecision Decide(bool? requested, bool push, bool hasKey, GitHubContext context)
    {
        if (!push)
            return new(false, context.IsForkPullRequest ? "unsigned: a fork's pull request pushes nothing and never signs."
                : "unsigned: nothing is pushed, so nothing is signed.");
        if (requested == false) return new(false, "unsigned: --sign was turned off.");
        if (hasKey) return new(true, "signed with the key given by --cosign-key.");
        if (context.IsGitHubActions) return new(true, "signed keyless with the workflow's GitHub OIDC identity.");
        return requested == true
            ? throw new BuildError("--sign needs a key outside GitHub Actions (keyless signing needs the workflow's OIDC token): pass --cosign-key <path> with COSIGN_PASSWORD set.")
            : new(false, "unsigned: no --cosign-key outside GitHub Actions.");
    }
}
