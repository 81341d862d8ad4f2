using Metadata;

namespace Prune;

/// <summary>
/// One version of a GHCR container package: a manifest digest with the tags on it. <see cref="Changed"/> is the
/// API's updated_at (a tag moved onto an old version makes it new again, so a running publish is never "old").
/// </summary>
internal sealed record PackageVersion(long Id, string Digest, IReadOnlyList<string> Tags, DateTimeOffset Changed);

/// <summary>
/// What the registry says about the package's manifests: an index's children (platform manifests and buildx's
/// attestation manifests) and the subject of each referrer (an OCI 1.1 manifest with <c>subject</c>).
/// </summary>
internal sealed record ManifestGraph(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Children,
    IReadOnlyDictionary<string, string> Subjects)
{
    public static ManifestGraph Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string>());

    /// <summary>The digests a manifest needs or that belong to it: its children and its referrers.</summary>
    public IEnumerable<string> Dependents(string digest)
    {
        if (Children.TryGetValue(digest, out var children)) foreach (var child in children) yield return child;
        foreach (var (referrer, subject) in Subjects) if (subject == digest) yield return referrer;
    }
}

/// <summary>The state of a pull request as the Pulls API reports it.</summary>
internal enum PullRequestState { Open, Closed, Unknown }

/// <summary>What the planner is asked to do. Durations compare against <see cref="Now"/> (a value: tests pin it).</summary>
internal sealed record PruneOptions
{
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
    public TimeSpan StagingOlderThan { get; init; } = TimeSpan.FromDays(1);
    public TimeSpan UntaggedOlderThan { get; init; } = TimeSpan.FromDays(7);
    /// <summary>Keep the newest n branch commit tags (<c>&lt;branch&gt;-&lt;sha7&gt;</c>) per branch; null keeps them all.</summary>
    public int? KeepBranches { get; init; }
    /// <summary>Only this pull request's tags (the <c>pull_request: closed</c> run); null plans everything.</summary>
    public int? PullRequest { get; init; }
    public bool PruneCache { get; init; }
    /// <summary>How tags were made: the build's tag rules (default: the generic rules of every kind of ref).</summary>
    public TagClassifier Tags { get; init; } = SeedTags;

    static readonly TagClassifier SeedTags = TagClassifier.From(GenericTagRules.OfEveryRef);
}

internal enum PlanDecision { Keep, Delete }

/// <summary>A line of the plan. <see cref="Conflict"/>: the version carries a kept and a doomed tag (GHCR cannot untag).</summary>
internal sealed record PlanRow(PackageVersion Version, PlanDecision Decision, string Reason, bool Conflict = false)
{
    public TimeSpan Age(DateTimeOffset now) => now - Version.Changed;
}
