namespace Prune;

internal enum TagVerdictKind
{
    Keep,
    Doomed,
    /// <summary>cosign's <c>sha256-&lt;hex&gt;.sig/.att/.sbom</c>: it lives or goes with the digest it names.</summary>
    Attached,
}

internal sealed record TagVerdict(TagVerdictKind Kind, string Reason);

/// <summary>What one tag asks for: its kind (read back through the build's tag rules) against the options. Pure.</summary>
internal static class TagVerdicts
{
    public static TagVerdict Judge(string tag, PackageVersion version, PruneOptions options,
        IReadOnlyDictionary<int, PullRequestState> pullRequests, ISet<string> surplusBranchTags)
    {
        var made = options.Tags.Classify(tag);
        if (made.Kind == TagKind.Signature) return new(TagVerdictKind.Attached, $"cosign tag of {TagClassifier.AttachedSubject(tag)}");
        if (options.PullRequest is { } only)
        {
            if (made.Kind != TagKind.PullRequest || made.PullRequest != only) return new(TagVerdictKind.Keep, $"not pull request #{only}'s");
            return pullRequests.GetValueOrDefault(only, PullRequestState.Unknown) == PullRequestState.Closed
                ? new(TagVerdictKind.Doomed, $"{tag}: pull request #{only} is closed")
                : new(TagVerdictKind.Keep, $"{tag}: pull request #{only} is not closed");
        }
        return made.Kind switch
        {
            TagKind.Staging => options.Now - version.Changed > options.StagingOlderThan
                ? new(TagVerdictKind.Doomed, $"{tag}: staging leftover older than {Format(options.StagingOlderThan)}")
                : new(TagVerdictKind.Keep, $"{tag}: staging tag of a recent run"),
            TagKind.Cache => options.PruneCache
                ? new(TagVerdictKind.Doomed, $"{tag}: build cache (--prune-cache)")
                : new(TagVerdictKind.Keep, $"{tag}: build cache"),
            TagKind.PullRequest => pullRequests.GetValueOrDefault(made.PullRequest ?? 0, PullRequestState.Unknown) switch
            {
                PullRequestState.Closed => new(TagVerdictKind.Doomed, $"{tag}: pull request #{made.PullRequest} is closed"),
                PullRequestState.Open => new(TagVerdictKind.Keep, $"{tag}: pull request #{made.PullRequest} is open"),
                // Asked of the API, never guessed: a state we could not read keeps the tag.
                _ => new(TagVerdictKind.Keep, $"{tag}: state of pull request #{made.PullRequest} unknown"),
            },
            TagKind.BranchCommit when surplusBranchTags.Contains(tag) =>
                new(TagVerdictKind.Doomed, $"{tag}: beyond the newest {options.KeepBranches} of branch {made.Branch}"),
            TagKind.Unexplained => new(TagVerdictKind.Keep, $"{tag}: no tag rule explains it, so it stays"),
            TagKind.Version => new(TagVerdictKind.Keep, $"{tag}: version tag ({made.Rule}), kept by every option"),
            _ => new(TagVerdictKind.Keep, tag),
        };
    }

    /// <summary>The pull request numbers the tags name (their state is asked of the API).</summary>
    public static IEnumerable<int> PullRequestNumbers(IEnumerable<string> tags, PruneOptions options) =>
        tags.Select(options.Tags.Classify).Where(c => c.Kind == TagKind.PullRequest).Select(c => c.PullRequest).OfType<int>().Distinct();

    /// <summary>
    /// The branch commit tags (<c>{{branch}}-{{sha}}</c> and the like) beyond the newest
    /// <see cref="PruneOptions.KeepBranches"/> per branch (newest by the version's updated time).
    /// </summary>
    public static ISet<string> SurplusBranchTags(IEnumerable<PackageVersion> versions, PruneOptions options)
    {
        var surplus = new HashSet<string>(StringComparer.Ordinal);
        if (options.KeepBranches is not { } keep) return surplus;
        var branchTags = versions
            .SelectMany(v => v.Tags.Select(tag => (tag, v.Changed, made: options.Tags.Classify(tag))))
            .Where(t => t.made is { Kind: TagKind.BranchCommit, Branch: not null })
            .GroupBy(t => t.made.Branch!);
        foreach (var branch in branchTags)
            surplus.UnionWith(branch.OrderByDescending(t => t.Changed).ThenByDescending(t => t.tag, StringComparer.Ordinal).Skip(Math.Max(0, keep)).Select(t => t.tag));
        return surplus;
    }

    public static string Format(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays:0}d"
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0}h"
        : $"{span.TotalMinutes:0}m";
}
