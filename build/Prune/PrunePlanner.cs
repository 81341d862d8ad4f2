namespace Prune;

/// <summary>
/// Decides, for every version of the package, keep or delete, and why. Pure: versions, manifest graph, pull
/// request states and options in; plan rows out. The one invariant: nothing reachable from a kept tag (children,
/// attestation manifests, referrers, cosign tags of any reachable digest) is ever planned for deletion.
/// </summary>
internal static class PrunePlanner
{
    public static IReadOnlyList<PlanRow> Plan(IReadOnlyList<PackageVersion> versions, ManifestGraph graph,
        IReadOnlyDictionary<int, PullRequestState> pullRequests, PruneOptions options)
    {
        var surplus = TagVerdicts.SurplusBranchTags(versions, options);
        var verdicts = versions.ToDictionary(v => v.Id, v => v.Tags.Select(tag => (tag, verdict: TagVerdicts.Judge(tag, v, options, pullRequests, surplus))).ToList());
        var attached = AttachedVersions(versions);

        var tagged = versions.Where(v => verdicts[v.Id].Any(t => t.verdict.Kind == TagVerdictKind.Keep)).ToList();
        // Untagged versions that stay for their age (or in one-pull-request mode) keep what they reach too: a
        // running publish's fresh index may list an older, identical platform manifest.
        bool Untouched(PackageVersion v) => verdicts[v.Id].All(t => t.verdict.Kind == TagVerdictKind.Attached)
            && (options.PullRequest is not null || options.Now - v.Changed <= options.UntaggedOlderThan);
        var kept = Reach([tagged.Select(v => (v.Digest, RootTag(verdicts[v.Id]))),
            versions.Where(Untouched).Select(v => (v.Digest, $"{Untagged(v)} version {v.Id}"))], graph, attached);

        return versions.Select(version =>
        {
            var tags = verdicts[version.Id];
            var keep = tags.Where(t => t.verdict.Kind == TagVerdictKind.Keep).ToList();
            var doom = tags.Where(t => t.verdict.Kind == TagVerdictKind.Doomed).ToList();
            if (keep.Count > 0 && doom.Count > 0)
                return new PlanRow(version, PlanDecision.Keep,
                    $"kept: carries {string.Join(", ", keep.Select(t => t.tag))} next to doomed {string.Join("; ", doom.Select(t => t.verdict.Reason))} (GHCR cannot remove one tag)", Conflict: true);
            if (keep.Count > 0) return new PlanRow(version, PlanDecision.Keep, keep[0].verdict.Reason);
            if (kept.TryGetValue(version.Digest, out var root) && root != $"{Untagged(version)} version {version.Id}")
                return new PlanRow(version, PlanDecision.Keep, $"reached from {root}");
            if (doom.Count > 0) return new PlanRow(version, PlanDecision.Delete, string.Join("; ", doom.Select(t => t.verdict.Reason)));
            if (options.PullRequest is { } only) return new PlanRow(version, PlanDecision.Keep, $"{Untagged(version)}: left for a full run (only pull request #{only}'s tags now)");
            return kept.ContainsKey(version.Digest)
                ? new PlanRow(version, PlanDecision.Keep, $"{Untagged(version)}, younger than {TagVerdicts.Format(options.UntaggedOlderThan)} (a publish may be running)")
                : new PlanRow(version, PlanDecision.Delete, $"{Untagged(version)}, no kept tag reaches it, older than {TagVerdicts.Format(options.UntaggedOlderThan)}");
        }).ToList();
    }

    static string Untagged(PackageVersion version) => version.Tags.Count == 0 ? "untagged" : "signature/attestation of a digest not kept";

    static string RootTag(List<(string tag, TagVerdict verdict)> tags) => tags.First(t => t.verdict.Kind == TagVerdictKind.Keep).tag;

    /// <summary>Subject digest → digests of the versions carrying a cosign tag for it.</summary>
    static Dictionary<string, List<string>> AttachedVersions(IEnumerable<PackageVersion> versions)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var version in versions)
            foreach (var subject in version.Tags.Select(TagClassifier.AttachedSubject).OfType<string>())
                (map.TryGetValue(subject, out var list) ? list : map[subject] = []).Add(version.Digest);
        return map;
    }

    /// <summary>
    /// Every digest reachable from the roots, labelled with the root that reaches it first (breadth first); a
    /// group is walked to the end before the next starts, so a tag's parts are named after the tag.
    /// </summary>
    static Dictionary<string, string> Reach(IEnumerable<(string Digest, string Tag)>[] groups, ManifestGraph graph, Dictionary<string, List<string>> attached)
    {
        var reached = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var roots in groups)
        {
            var queue = new Queue<(string Digest, string Tag)>();
            foreach (var root in roots) if (reached.TryAdd(root.Digest, root.Tag)) queue.Enqueue(root);
            while (queue.TryDequeue(out var current))
            {
                var next = graph.Dependents(current.Digest).Concat(attached.GetValueOrDefault(current.Digest) ?? []);
                foreach (var digest in next) if (reached.TryAdd(digest, current.Tag)) queue.Enqueue((digest, current.Tag));
            }
        }
        return reached;
    }
}
