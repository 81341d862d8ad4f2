namespace Publishing;

/// <summary>The --cache-from / --cache-to pair of one build.</summary>
internal sealed record CacheSettings(IReadOnlyList<string> From, IReadOnlyList<string> To)
{
    public static CacheSettings None { get; } = new([], []);
}

/// <summary>
/// Picks the build cache: GitHub's cache service when its runtime variables are there (scope named after the
/// image's last path segment unless given, per platform, so split jobs and other images don't overwrite each other), else the
/// registry at &lt;image&gt;:buildcache when pushing, else none. CacheFrom / CacheTo override their own half.
/// </summary>
internal static class CachePolicy
{
    /// <summary>The registry cache's tags, buildcache and buildcache-&lt;platform&gt;: Prune keeps them unless asked.</summary>
    public static readonly System.Text.RegularExpressions.Regex RegistryCacheTagPattern =
        new(@"^buildcache(?:-[A-Za-z0-9_.-]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static CacheSettings Choose(
        IReadOnlyDictionary<string, string?> environment, bool push, string image, string? platformScope,
        IReadOnlyList<string>? cacheFrom = null, IReadOnlyList<string>? cacheTo = null, string? scope = null)
    {
        var chosen = Default(environment, push, image, platformScope, scope ?? ImageNames.LastSegment(image));
        return new CacheSettings(cacheFrom is { Count: > 0 } ? cacheFrom : chosen.From, cacheTo is { Count: > 0 } ? cacheTo : chosen.To);
    }

    /// <summary>Cache v1 needs ACTIONS_CACHE_URL, v2 ACTIONS_RESULTS_URL; both need the runtime token (crazy-max/ghaction-github-runtime exports them to run: steps).</summary>
    public static bool HasGitHubCache(IReadOnlyDictionary<string, string?> environment) =>
        Has(environment, "ACTIONS_RUNTIME_TOKEN") && (Has(environment, "ACTIONS_CACHE_URL") || Has(environment, "ACTIONS_RESULTS_URL"));

    static CacheSettings Default(IReadOnlyDictionary<string, string?> environment, bool push, string image, string? platformScope, string scope)
    {
        var suffix = platformScope is null ? "" : "-" + platformScope;
        if (HasGitHubCache(environment))
            return new([$"type=gha,scope={scope}{suffix}"], [$"type=gha,scope={scope}{suffix},mode=max"]);
        if (push)
            return new([$"type=registry,ref={image}:buildcache{suffix}"], [$"type=registry,ref={image}:buildcache{suffix},mode=max"]);
        return CacheSettings.None;
    }

    static bool Has(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value);
}
