using GitHub;

namespace Git;

/// <summary>
/// What the Checkout target does with a repository, decided from its facts and where the build runs:
/// on GitHub Actions the workflow has checked out already, so we verify and complete that checkout;
/// locally we only report, because the developer's clone is theirs.
/// </summary>
internal sealed record CheckoutPlan(bool Unshallow, bool FetchTags, IReadOnlyList<string> Warnings, string Description)
{
    const int ListedChanges = 5;

    public static CheckoutPlan For(GitRepositoryFacts repository, GitHubContext context)
    {
        var where = repository.Branch is { } branch ? $"branch {branch}" : "detached HEAD";
        if (!context.IsGitHubActions)
            return new CheckoutPlan(false, false, LocalWarnings(repository),
                $"{where} at {repository.Sha}, {repository.UncommittedChanges.Count} uncommitted change(s)");

        if (string.IsNullOrEmpty(context.Sha))
            throw new BuildError("GITHUB_ACTIONS is 'true' but GITHUB_SHA is empty, so the checkout cannot be verified.");
        if (!string.Equals(repository.Sha, context.Sha, StringComparison.OrdinalIgnoreCase))
            throw new BuildError($"HEAD is {repository.Sha} but GITHUB_SHA is {context.Sha}: the workflow checked out another commit than the one that triggered it.");
        if (repository.IsShallow && repository.OriginUrl is null)
            throw new BuildError("The clone is shallow and has no 'origin' remote to deepen it from; check out with fetch-depth: 0.");

        var reference = string.IsNullOrEmpty(context.Ref) ? where : $"{context.Ref} ({where})";
        return new CheckoutPlan(
            Unshallow: repository.IsShallow,
            // A complete clone may still lack tags (actions/checkout fetches them only with fetch-depth: 0 or fetch-tags).
            FetchTags: !repository.IsShallow && repository.OriginUrl is not null,
            Warnings: [],
            Description: $"{reference} at {repository.Sha}, event {context.EventName}");
    }

    static IReadOnlyList<string> LocalWarnings(GitRepositoryFacts repository)
    {
        var warnings = new List<string>();
        if (repository.UncommittedChanges.Count > 0)
        {
            var listed = string.Join(", ", repository.UncommittedChanges.Take(ListedChanges).Select(line => line.Length > 3 ? line[3..] : line));
            var more = repository.UncommittedChanges.Count > ListedChanges ? $" and {repository.UncommittedChanges.Count - ListedChanges} more" : "";
            warnings.Add($"{repository.UncommittedChanges.Count} uncommitted change(s): {listed}{more}; the image will not match any commit.");
        }
        if (repository.IsShallow)
            warnings.Add("This is a shallow clone: GitVersion sees no older tags; run 'git fetch --unshallow --tags' for the right version.");
        return warnings;
    }
}
