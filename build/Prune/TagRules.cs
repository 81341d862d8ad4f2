using System.Text.RegularExpressions;

namespace Prune;

internal enum TagVerdictKind
{
    Keep,
    Doomed,
    /// <summary>cosign's <c>sha256-&lt;hex&gt;.sig/.att/.sbom</c>: it lives or goes with the digest it names.</summary>
    Attached,
}

internal sealed record TagVerdict(TagVerdictKind Kind, string Reason);

/// <summary>What one tag asks for, by the naming rules the Tag target and cosign follow. Pure.</summary>
internal static partial class TagRules
{
    public static TagVerdict Judge(string tag, PackageVersion version, PruneOptions options,
        IReadOnlyDictionary<int, PullRequestState> pullRequests, ISet<string> surplusBranchTags)
    {
        if (AttachedSubject(tag) is not null) return new(TagVerdictKind.Attached, $"cosign tag of {AttachedSubject(tag)}");
        var pr = PullRequestNumber(tag);
        if (options.PullRequest is { } only)
        {
            if (pr != only) return new(TagVerdictKind.Keep, $"not pull request #{only}'s");
            return pullRequests.GetValueOrDefault(only, PullRequestState.Unknown) == PullRequestState.Closed
                ? new(TagVerdictKind.Doomed, $"{tag}: pull request #{only} is closed")
                : new(TagVerdictKind.Keep, $"{tag}: pull request #{only} is not closed");
        }
        if (tag.StartsWith("staging-", StringComparison.Ordinal))
            return options.Now - version.Changed > options.StagingOlderThan
                ? new(TagVerdictKind.Doomed, $"{tag}: staging leftover older than {Format(options.StagingOlderThan)}")
                : new(TagVerdictKind.Keep, $"{tag}: staging tag of a recent run");
        if (tag.StartsWith("buildcache", StringComparison.Ordinal))
            return options.PruneCache
                ? new(TagVerdictKind.Doomed, $"{tag}: build cache (--prune-cache)")
                : new(TagVerdictKind.Keep, $"{tag}: build cache");
        if (pr is { } number)
            return pullRequests.GetValueOrDefault(number, PullRequestState.Unknown) switch
            {
                PullRequestState.Closed => new(TagVerdictKind.Doomed, $"{tag}: pull request #{number} is closed"),
                PullRequestState.Open => new(TagVerdictKind.Keep, $"{tag}: pull request #{number} is open"),
                // Asked of the API, never guessed: a state we could not read keeps the tag.
                _ => new(TagVerdictKind.Keep, $"{tag}: state of pull request #{number} unknown"),
            };
        if (surplusBranchTags.Contains(tag))
            return new(TagVerdictKind.Doomed, $"{tag}: beyond the newest {options.KeepBranches} of its branch");
        return new(TagVerdictKind.Keep, tag);
    }

    /// <summary><c>pr-5</c>, <c>pr-5-abc</c> → 5.</summary>
    public static int? PullRequestNumber(string tag) =>
        PullRequestPattern().Match(tag) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var n) ? n : null;

    /// <summary><c>sha256-ab12.sig</c> → <c>sha256:ab12</c>.</summary>
    public static string? AttachedSubject(string tag) =>
        CosignPattern().Match(tag) is { Success: true } m ? $"{m.Groups[1].Value}:{m.Groups[2].Value}" : null;

    /// <summary>
    /// The <c>&lt;branch&gt;-&lt;sha7&gt;</c> tags beyond the newest <see cref="PruneOptions.KeepBranches"/> per branch
    /// (newest by the version's updated time; a version counts once per branch).
    /// </summary>
    public static ISet<string> SurplusBranchTags(IEnumerable<PackageVersion> versions, PruneOptions options)
    {
        var surplus = new HashSet<string>(StringComparer.Ordinal);
        if (options.KeepBranches is not { } keep) return surplus;
        var branchTags = versions
            .SelectMany(v => v.Tags.Select(tag => (tag, v.Changed, match: BranchPattern().Match(tag))))
            .Where(t => t.match.Success && PullRequestNumber(t.tag) is null && !t.tag.StartsWith("staging-", StringComparison.Ordinal))
            .GroupBy(t => t.match.Groups[1].Value);
        foreach (var branch in branchTags)
            surplus.UnionWith(branch.OrderByDescending(t => t.Changed).ThenByDescending(t => t.tag, StringComparer.Ordinal).Skip(Math.Max(0, keep)).Select(t => t.tag));
        return surplus;
    }

    public static string Format(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays:0}d"
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0}h"
        : $"{span.TotalMinutes:0}m";

    [GeneratedRegex(@"^pr-(\d+)(-.*)?$")]
    private static partial Regex PullRequestPattern();

    [GeneratedRegex(@"^(sha256|sha512)-([0-9a-f]{32,128})\.(sig|att|sbom)$")]
    private static partial Regex CosignPattern();

    [GeneratedRegex(@"^(.+)-[0-9a-f]{7}$")]
    private static partial Regex BranchPattern();
}
