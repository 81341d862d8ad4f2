using CsCheck;
using Prune;

namespace Build.Tests.Prune;

/// <summary>The pure planner: the issue's rules one by one, and (property) nothing a kept tag reaches is ever doomed.</summary>
public class PrunePlannerTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    static readonly PruneOptions Options = new() { Now = Now };

    static string D(int n) => "sha256:" + n.ToString("x64");
    static PackageVersion V(int n, double days, params string[] tags) => new(n, D(n), tags, Now - TimeSpan.FromDays(days));

    static Dictionary<long, PlanRow> Plan(IReadOnlyList<PackageVersion> versions, ManifestGraph? graph = null,
        Dictionary<int, PullRequestState>? prs = null, PruneOptions? options = null) =>
        PrunePlanner.Plan(versions, graph ?? ManifestGraph.Empty, prs ?? new(), options ?? Options).ToDictionary(r => r.Version.Id);

    [Fact]
    public void Closed_pull_request_tags_go_open_and_unknown_ones_stay()
    {
        var plan = Plan([V(1, 1, "pr-5"), V(2, 1, "pr-5-abc1234"), V(3, 1, "pr-3"), V(4, 1, "pr-9")],
            prs: new() { [5] = PullRequestState.Closed, [3] = PullRequestState.Open, [9] = PullRequestState.Unknown });
        Assert.Equal(PlanDecision.Delete, plan[1].Decision);
        Assert.Equal(PlanDecision.Delete, plan[2].Decision);
        Assert.Equal(PlanDecision.Keep, plan[3].Decision);
        Assert.Equal(PlanDecision.Keep, plan[4].Decision);
    }

    [Fact]
    public void An_index_keeps_its_children_attestations_referrers_and_signatures_however_old()
    {
        var graph = new ManifestGraph(new Dictionary<string, IReadOnlyList<string>> { [D(1)] = [D(2), D(3), D(4)] },
            new Dictionary<string, string> { [D(5)] = D(2) });
        var plan = Plan([V(1, 30, "main"), V(2, 30), V(3, 30), V(4, 30), V(5, 30), V(6, 30, $"sha256-{D(1)[7..]}.sig"), V(7, 30)], graph);
        Assert.All(Enumerable.Range(1, 6), id => Assert.Equal(PlanDecision.Keep, plan[id].Decision));
        Assert.Equal(PlanDecision.Delete, plan[7].Decision); // an old orphan
    }

    [Fact]
    public void The_parts_of_a_tag_are_named_after_the_tag_even_when_young()
    {
        var graph = new ManifestGraph(new Dictionary<string, IReadOnlyList<string>> { [D(1)] = [D(2)] }, new Dictionary<string, string>());
        var plan = Plan([V(1, 0, "main"), V(2, 0), V(3, 0, $"sha256-{D(1)[7..]}.sig")], graph);
        Assert.Equal("reached from main", plan[2].Reason);
        Assert.Equal("reached from main", plan[3].Reason);
    }

    [Fact]
    public void Untagged_versions_younger_than_the_limit_stay_and_staging_goes_only_when_old()
    {
        var plan = Plan([V(1, 2), V(2, 8), V(3, 0.5, "staging-a-linux-amd64"), V(4, 2, "staging-b-linux-arm64")]);
        Assert.Equal([PlanDecision.Keep, PlanDecision.Delete, PlanDecision.Keep, PlanDecision.Delete], plan.Values.OrderBy(r => r.Version.Id).Select(r => r.Decision));
    }

    [Fact]
    public void A_version_with_a_kept_and_a_doomed_tag_stays_and_is_reported()
    {
        var row = Plan([V(1, 9, "main", "pr-5")], prs: new() { [5] = PullRequestState.Closed })[1];
        Assert.Equal(PlanDecision.Keep, row.Decision);
        Assert.True(row.Conflict);
        Assert.Contains("pr-5", row.Reason);
    }

    [Fact]
    public void Build_cache_stays_unless_asked_and_branches_keep_the_newest_n()
    {
        PackageVersion[] versions = [V(1, 1, "buildcache"), V(2, 3, "main-aaaaaaa"), V(3, 2, "main-bbbbbbb"), V(4, 1, "main-ccccccc"), V(5, 3, "dev-ddddddd")];
        var plan = Plan(versions, options: Options with { KeepBranches = 2 });
        Assert.Equal(PlanDecision.Keep, plan[1].Decision);
        Assert.Equal(PlanDecision.Delete, plan[2].Decision);
        Assert.Equal(PlanDecision.Keep, plan[3].Decision);
        Assert.Equal(PlanDecision.Keep, plan[5].Decision);
        Assert.Equal(PlanDecision.Delete, Plan(versions, options: Options with { PruneCache = true })[1].Decision);
    }

    [Fact]
    public void One_pull_request_mode_touches_only_that_pull_requests_tags()
    {
        var graph = new ManifestGraph(new Dictionary<string, IReadOnlyList<string>> { [D(1)] = [D(2)] }, new Dictionary<string, string>());
        var plan = Plan([V(1, 0, "pr-7"), V(2, 0), V(3, 30), V(4, 30, "staging-x"), V(5, 0, "pr-8")], graph,
            new() { [7] = PullRequestState.Closed, [8] = PullRequestState.Closed }, Options with { PullRequest = 7 });
        Assert.Equal([1L], plan.Values.Where(r => r.Decision == PlanDecision.Delete).Select(r => r.Version.Id).Order());
    }

    [Fact]
    public void The_table_has_one_line_per_version_and_a_total()
    {
        var rows = PrunePlanner.Plan([V(1, 9, "pr-5"), V(2, 1, "main")], ManifestGraph.Empty, new Dictionary<int, PullRequestState> { [5] = PullRequestState.Closed }, Options);
        var table = PlanTable.Write(rows, Now).Split('\n');
        Assert.StartsWith("VERSION", table[0]);
        Assert.Contains(table, line => line.StartsWith("1 ") && line.Contains("delete") && line.Contains("9d"));
        Assert.Equal("2 versions: 1 to delete, 1 to keep (0 kept with a doomed tag)", table[^1]);
    }

    [Theory]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("30m", 30)]
    public void Durations_read_days_hours_minutes(string text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Durations.Parse("UntaggedOlderThan", text));

    [Theory]
    [InlineData("99999999d", "longer than 100 years")]
    [InlineData("10675200d", "longer than 100 years")]
    [InlineData("99999999999999999999d", "is not a duration")]
    [InlineData("-1d", "is negative")]
    [InlineData("36500000.00:00:00", "is not a duration")]
    public void An_overflowing_or_negative_duration_is_one_clear_error(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<BuildError>(() => Durations.Parse("UntaggedOlderThan", text)).Message);

    [Fact]
    public void A_bad_duration_is_one_clear_error() =>
        Assert.Contains("--untagged-older-than 'soon'", Assert.Throws<BuildError>(() => Durations.Parse("UntaggedOlderThan", "soon")).Message);

    static readonly string[] TagPool = ["main", "latest", "1.2.3", "pr-1", "pr-2", "pr-3-abc1234", "staging-a-linux-amd64", "staging-b-linux-arm64", "buildcache", "main-aaaaaaa", "main-bbbbbbb", "dev-ccccccc"];

    /// <summary>Random package: versions with random tags (incl. cosign tags of other versions), random index edges and referrers.</summary>
    static readonly Gen<(List<PackageVersion> Versions, ManifestGraph Graph, Dictionary<int, PullRequestState> Prs, PruneOptions Options)> Packages =
        from count in Gen.Int[1, 25]
        from tagPicks in Gen.Int[0, TagPool.Length + 3].Array[0, 3].Array[count]
        from days in Gen.Double[0, 20].Array[count]
        from edges in Gen.Select(Gen.Int[0, count - 1], Gen.Int[0, count - 1]).Array[0, count * 2]
        from referrers in Gen.Select(Gen.Int[0, count - 1], Gen.Int[0, count - 1]).Array[0, count]
        from states in Gen.Enum<PullRequestState>().Array[3]
        from keepBranches in Gen.Int[0, 2]
        from onlyPr in Gen.Int[0, 3]
        from pruneCache in Gen.Bool
        select Make(count, tagPicks, days, edges, referrers, states, keepBranches, onlyPr, pruneCache);

    static (List<PackageVersion>, ManifestGraph, Dictionary<int, PullRequestState>, PruneOptions) Make(int count, int[][] tagPicks, double[] days,
        (int, int)[] edges, (int, int)[] referrers, PullRequestState[] states, int keepBranches, int onlyPr, bool pruneCache)
    {
        var used = new HashSet<string>();
        var versions = Enumerable.Range(0, count).Select(i => V(i + 1, days[i], tagPicks[i]
            .Select(pick => pick < TagPool.Length ? TagPool[pick] : $"sha256-{D((pick * 7 + i) % count + 1)[7..]}.{(pick % 2 == 0 ? "sig" : "att")}")
            .Where(used.Add).ToArray())).ToList(); // a tag names one version
        var children = edges.Where(e => e.Item1 != e.Item2).GroupBy(e => D(e.Item1 + 1))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(e => D(e.Item2 + 1)).Distinct().ToList());
        var subjects = referrers.Where(r => r.Item1 != r.Item2).GroupBy(r => D(r.Item1 + 1)).ToDictionary(g => g.Key, g => D(g.First().Item2 + 1));
        var prs = new Dictionary<int, PullRequestState> { [1] = states[0], [2] = states[1], [3] = states[2] };
        return (versions, new ManifestGraph(children, subjects), prs,
            Options with { KeepBranches = keepBranches == 0 ? null : keepBranches, PullRequest = onlyPr == 0 ? null : onlyPr, PruneCache = pruneCache });
    }

    [Fact]
    public void Nothing_reachable_from_a_version_that_keeps_a_tag_is_ever_planned_for_deletion() =>
        Packages.Sample(package =>
        {
            var (versions, graph, prs, options) = package;
            var rows = PrunePlanner.Plan(versions, graph, prs, options);
            var deleted = rows.Where(r => r.Decision == PlanDecision.Delete).Select(r => r.Version.Digest).ToHashSet();
            // Independently of the planner: every kept version (above all a tagged one) must keep all it needs.
            var queue = new Queue<string>(rows.Where(r => r.Decision == PlanDecision.Keep).Select(r => r.Version.Digest));
            var reached = new HashSet<string>();
            while (queue.TryDequeue(out var digest))
            {
                if (!reached.Add(digest)) continue;
                foreach (var child in graph.Children.GetValueOrDefault(digest) ?? []) queue.Enqueue(child);
                foreach (var (referrer, subject) in graph.Subjects) if (subject == digest) queue.Enqueue(referrer);
                foreach (var v in versions) if (v.Tags.Contains($"sha256-{digest[7..]}.sig") || v.Tags.Contains($"sha256-{digest[7..]}.att")) queue.Enqueue(v.Digest);
            }
            Assert.Empty(deleted.Intersect(reached));
            Assert.Equal(versions.Count, rows.Count);
        }, iter: 2000);
}
