using Prune;
using Registry;

namespace Components;

/// <summary>
/// Prune: GHCR retention that never breaks a tag. Plans (and prints) which package versions go and why; with
/// --apply deletes them through GitHub's Packages API, then reads every kept tag back through the registry. Which
/// tags belong to a branch, a pull request or a version follows from the rules Tag publishes with (see docs/registry-cleanup.md).
/// </summary>
interface IPrune : ILogin, ITag
{
    [Parameter("Prune: delete the planned versions (default: only print the plan)")]
    bool Apply => TryGetValue<bool?>(() => Apply) ?? false;

    [Parameter("Prune: staging-* tags older than this go (e.g. 1d, 12h; default 1d)")]
    string StagingOlderThan => TryGetValue(() => StagingOlderThan) ?? "1d";

    [Parameter("Prune: untagged versions no kept tag reaches go when older than this (default 7d, so running publishes are never hit)")]
    string UntaggedOlderThan => TryGetValue(() => UntaggedOlderThan) ?? "7d";

    [Parameter("Prune: keep only the newest n <branch>-<sha7> tags per branch (default: keep all; version tags such as X.Y.Z-sha7 always stay)")]
    int? KeepBranches => TryGetValue<int?>(() => KeepBranches);

    [Parameter("Prune: only this closed pull request's tags (default on a pull_request 'closed' event: that pull request)")]
    int? PullRequest => TryGetValue<int?>(() => PullRequest) ?? ClosedPullRequest;

    [Parameter("Prune: also delete buildcache-* tags")]
    bool PruneCache => TryGetValue<bool?>(() => PruneCache) ?? false;

    [Parameter("Prune: refuse to delete when the plan deletes more versions than this (default 200)")]
    int MaxDeletions => TryGetValue<int?>(() => MaxDeletions) ?? 200;

    [Parameter("Prune: plan from the registry's own tag list and manifests, without GitHub's API; deletes nothing")]
    bool RegistryOnly => TryGetValue<bool?>(() => RegistryOnly) ?? false;

    /// <summary>How the build's own templates in its tag rules read back out of a tag (default: none beyond metadata-action's).</summary>
    IReadOnlyDictionary<string, TemplateShape> TagTemplates => new Dictionary<string, TemplateShape>();

    private int? ClosedPullRequest => GitHubContext is { IsPullRequest: true } context && context.Payload["action"]?.GetValue<string>() == "closed"
        ? context.Payload["number"]?.GetValue<int>() : null;

    Target Prune => _ => _
        .Description("Plans the package's retention (closed pull requests, staging leftovers, old untagged versions) and with --apply deletes it, never a tag's parts")
        .Resolves(ResolveGitHubContextAsync)
        .Executes(async () =>
        {
            var parts = ImageName.Split('/', 2);
            if (parts.Length < 2 || !ImageNameIsKnown)
                throw new BuildError($"Cannot tell the package: pass --image-name {ImageNameExample} (the package is what follows the owner).");
            var options = new PruneOptions
            {
                StagingOlderThan = Durations.Parse("StagingOlderThan", StagingOlderThan),
                UntaggedOlderThan = Durations.Parse("UntaggedOlderThan", UntaggedOlderThan),
                KeepBranches = NotNegative("KeepBranches", KeepBranches), PullRequest = PullRequest, PruneCache = PruneCache,
                Tags = TagClassifier.From(PublishedTagRules, TagTemplates),
            };
            var maxDeletions = NotNegative("MaxDeletions", MaxDeletions)!.Value;
            if (RegistryOnly && Apply && !DryRun)
                throw new BuildError("--registry-only plans from the registry alone and deletes nothing: drop --apply (deleting goes through GitHub's Packages API).");
            // Said at once, before any request: without a token GitHub's API lists no package versions.
            if (!RegistryOnly && GitHubToken is null or { IsEmpty: true })
                throw new BuildError("Prune reads the package's versions from GitHub's API: pass --github-token or set GITHUB_TOKEN (see docs/registry-cleanup.md for what it needs), or pass --registry-only to plan from the registry alone.");
            var context = GitHubContext;
            using var api = RegistryOnly ? null : new PackagesApi(context.ApiUrl, GitHubToken, new ApiRetry(), Interrupted);
            var registry = new RegistryGraph(() => new RegistryApi(ImageReference.Parse(Image), RegistryUsername, RegistryPassword), Interrupted);
            var repository = context.Repository.Length > 0 ? context.Repository : parts[0] + "/" + parts[1].Split('/')[0];
            await new PruneRun(api, registry, Interrupted).RunAsync(new PruneRequest(parts[0], parts[1], repository, options, Apply && !DryRun, maxDeletions, RegistryOnly));
        });

    private static int? NotNegative(string parameter, int? value) => value < 0
        ? throw new BuildError($"--{Names.Kebab(parameter)} {value} is negative: pass 0 or more.")
        : value;
}
