using GitHub;
using Metadata.Versions;

namespace Metadata;

/// <summary>
/// The generic tag rules: what a build publishes with when neither --tags nor the build's own rules say otherwise,
/// one list per kind of ref. Prune reads tags back through the same rules.
/// </summary>
internal static class GenericTagRules
{
    /// <summary>
    /// The rules used when --tags is not given, by the kind of ref the run is for (docs/tags.md has the table per event).
    /// Every sha tag names what it belongs to: the seed's <c>type=sha,prefix={{branch}}-</c> alone would publish a bare
    /// hash wherever there is no branch (a tag push, a pull request), so each kind of ref gets its own prefix.
    /// </summary>
    public static string[] For(GitHubContext github)
    {
        if (github.IsPullRequest) return ["type=ref,event=pr", "type=ref,event=pr,suffix=-{{sha}}"];
        var (kind, name) = github.Ref.Split('/', 3) is ["refs", var k and ("heads" or "tags"), var n] ? (k, n) : ("", "");
        // A name with nothing Docker keeps before the hash ("-", "#", ".") would leave the hash alone: sha-<sha7> then.
        var sha = name.Any(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "type=sha,prefix=" + (kind == "heads" ? "{{branch}}-" : "{{tag}}-") : "type=sha";
        if (kind == "heads") return ["type=ref,event=branch", sha, LatestOnDefaultBranch];
        if (kind == "tags")
        {
            // Release tags as metadata-action's semver rules give them: X.Y.Z, X.Y and X (a pre-release only its own
            // version). No bare X for 0.x: semver gives a major version 0 no stability to follow.
            string[] major = StrictSemver.Parse(name.Replace('/', '-'))?.Major == 0 ? [] : ["type=semver,pattern={{major}}"];
            return ["type=semver,pattern={{version}}", "type=semver,pattern={{major}}.{{minor}}", .. major, sha];
        }
        // Neither branch, tag nor pull request (a detached checkout): the action's own sha-<sha7>.
        return [sha];
    }

    /// <summary>The generic build's <c>latest</c>: the newest commit of the default branch.</summary>
    public const string LatestOnDefaultBranch = "type=raw,value=latest,enable={{is_default_branch}}";

    /// <summary>The generic default rules of every kind of ref (what a build without rules of its own publishes with).</summary>
    public static IReadOnlyList<string> OfEveryRef => [.. EveryKindOfRef.SelectMany(For).Distinct()];

    /// <summary>One run of each kind of ref the default rules tell apart.</summary>
    public static readonly GitHubContext[] EveryKindOfRef =
    [
        new() { EventName = "push", Ref = "refs/heads/main" },
        new() { EventName = "pull_request", Ref = "refs/pull/1/merge" },
        new() { EventName = "push", Ref = "refs/tags/v1.0.0" },
        new() { EventName = "push", Ref = "refs/tags/v0.1.0" },
        new() { EventName = "workflow_dispatch", Ref = "" },
    ];
}
