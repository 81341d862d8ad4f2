using CsCheck;
using Prune;

namespace Build.Tests.Prune;

/// <summary>Tags read back through the build's own tag rules: which can go, which stay whatever Prune is asked.</summary>
public class TagClassifierTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The MLflow build's rules of both kinds of run and its template shapes, as Prune gets them.</summary>
    static TagClassifier BuildRules()
    {
        var build = Activator.CreateInstance(typeof(global::Components.ITag).Assembly.GetType("Build", throwOnError: true)!, nonPublic: true)!;
        var tag = (global::Components.ITag)build;
        return TagClassifier.From(tag.PublishedTagRules, ((global::Components.IPrune)build).TagTemplates);
    }

    [Theory]
    [InlineData("main", "BranchHead", "main", null)]
    [InlineData("feature-x", "BranchHead", "feature-x", null)]
    [InlineData("main-5b1834c", "BranchCommit", "main", null)]
    [InlineData("release-1.x-5b1834c", "BranchCommit", "release-1.x", null)]
    [InlineData("3.1.1-5b1834c", "Version", null, null)]
    [InlineData("3.1.1", "Version", null, null)]
    [InlineData("3.1", "Version", null, null)]
    [InlineData("3", "Version", null, null)]
    [InlineData("3.2.0rc0-abcdef1", "Version", null, null)]
    [InlineData("latest", "Fixed", null, null)]
    [InlineData("pr-5", "PullRequest", null, 5)]
    [InlineData("pr-5-abc1234", "PullRequest", null, 5)]
    [InlineData("staging-123456-1-linux-amd64", "Staging", null, null)]
    [InlineData("staging-123456-1-linux-amd64-linux-arm64", "Staging", null, null)]
    [InlineData("buildcache", "Cache", null, null)]
    [InlineData("buildcache-linux-arm64", "Cache", null, null)]
    public void The_build_rules_explain_its_tags(string tag, string kind, string? branch, int? pullRequest)
    {
        var made = BuildRules().Classify(tag);
        Assert.Equal((kind, branch, pullRequest), (made.Kind.ToString(), made.Branch, made.PullRequest));
    }

    [Fact]
    public void A_cosign_tag_names_its_subject() =>
        Assert.Equal(TagKind.Signature, BuildRules().Classify($"sha256-{new string('a', 64)}.sig").Kind);

    [Fact]
    public void A_tag_no_rule_explains_stays_and_the_plan_says_so()
    {
        var options = new PruneOptions { Now = Now, KeepBranches = 0, Tags = TagClassifier.From(["type=raw,value=latest", "type=sha,prefix={{branch}}-"]) };
        var plan = PrunePlanner.Plan([new(1, "sha256:" + new string('1', 64), ["something-odd"], Now.AddDays(-90))], ManifestGraph.Empty, new Dictionary<int, PullRequestState>(), options);
        Assert.Equal(PlanDecision.Keep, plan[0].Decision);
        Assert.Contains("no tag rule explains it", plan[0].Reason);
    }

    [Fact]
    public void Keep_branches_keeps_every_version_pin_and_only_thins_branch_commits()
    {
        static PackageVersion V(int n, double days, params string[] tags) => new(n, "sha256:" + n.ToString("x64"), tags, Now - TimeSpan.FromDays(days));
        PackageVersion[] versions =
        [
            V(1, 0, "main", "main-5b1834c", "3.1.1", "3.1.1-5b1834c", "3.1", "3", "latest"),
            V(2, 3, "main-aaaaaaa", "3.1.1-aaaaaaa"),
            V(3, 5, "3.1.0-bbbbbbb"),
            V(4, 6, "main-ccccccc"),
            V(5, 7, "3.0.2-ddddddd", "2.22.1-ddddddd"),
        ];
        foreach (var keep in new[] { 0, 1, 2 })
        {
            var options = new PruneOptions { Now = Now, KeepBranches = keep, Tags = BuildRules() };
            var plan = PrunePlanner.Plan(versions, ManifestGraph.Empty, new Dictionary<int, PullRequestState>(), options).ToDictionary(r => r.Version.Id);
            Assert.All(new long[] { 1, 2, 3, 5 }, id => Assert.Equal(PlanDecision.Keep, plan[id].Decision));
            Assert.Equal(keep < 3 ? PlanDecision.Delete : PlanDecision.Keep, plan[4].Decision);
            Assert.Contains("beyond the newest", plan[4].Reason);
            // Version 2 carries a doomed branch commit tag next to its pin: it stays, and says why.
            Assert.Equal(keep < 2, plan[2].Conflict);
        }
    }

    static readonly string[] Pool = ["main", "main-5b1834c", "main-aaaaaaa", "dev-bbbbbbb", "3.1.1-5b1834c", "3.1.0-aaaaaaa", "3.1.1", "3.1", "3", "latest",
        "pr-4", "pr-4-ccccccc", "staging-9-1-linux-amd64", "buildcache-linux-amd64", "odd"];

    [Fact]
    public void No_option_ever_deletes_a_version_tag()
    {
        var rules = BuildRules();
        (from count in Gen.Int[1, 12]
         from picks in Gen.Int[0, Pool.Length - 1].Array[0, 3].Array[count]
         from days in Gen.Double[0, 30].Array[count]
         from keep in Gen.Int[0, 3]
         from closed in Gen.Bool
         from pruneCache in Gen.Bool
         from onlyPr in Gen.Bool
         select (count, picks, days, keep, closed, pruneCache, onlyPr)).Sample(c =>
        {
            var used = new HashSet<string>();
            var versions = Enumerable.Range(0, c.count).Select(i => new PackageVersion(i + 1, "sha256:" + (i + 1).ToString("x64"),
                c.picks[i].Select(p => Pool[p]).Where(used.Add).ToList(), Now - TimeSpan.FromDays(c.days[i]))).ToList();
            var options = new PruneOptions { Now = Now, Tags = rules, KeepBranches = c.keep == 3 ? null : c.keep, PruneCache = c.pruneCache, PullRequest = c.onlyPr ? 4 : null };
            var states = new Dictionary<int, PullRequestState> { [4] = c.closed ? PullRequestState.Closed : PullRequestState.Open };
            foreach (var row in PrunePlanner.Plan(versions, ManifestGraph.Empty, states, options))
                Assert.False(row.Decision == PlanDecision.Delete && row.Version.Tags.Any(t => rules.Classify(t).Kind == TagKind.Version), row.Reason);
        }, iter: 2000);
    }
}
