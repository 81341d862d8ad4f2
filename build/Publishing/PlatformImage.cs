namespace Publishing;

/// <summary>
/// Where one platform was pushed: the digest of the index holding it (its own, or the one index of every platform
/// a runner built in one solve; Merge takes each source once) and, when the builder could not push by digest, the
/// temporary tag it was pushed under. The hand-over between per-platform jobs and the merge job is one file per platform,
/// named after the platform, holding <c>linux/arm64=sha256:...</c> and, if staged, <c>staging-tag=...</c>.
/// </summary>
internal sealed record PlatformImage(string Platform, string Digest, string? StagingTag = null)
{
    const string StagingKey = "staging-tag";

    /// <summary>"linux/arm64/v8" → "linux-arm64-v8": usable in file names, tags and cache scopes.</summary>
    public static string Slug(string platform) => platform.Replace('/', '-');

    public string ToFileText() => $"{Platform}={Digest}\n" + (StagingTag is null ? "" : $"{StagingKey}={StagingTag}\n");

    public static PlatformImage ParseFileText(string text, string source)
    {
        string? platform = null, digest = null, staging = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var split = line.IndexOf('=');
            if (split <= 0) throw new BuildError($"{source}: expected 'platform=sha256:...', got '{line}'.");
            var (key, value) = (line[..split], line[(split + 1)..]);
            if (key == StagingKey) staging = value;
            else (platform, digest) = (key, value);
        }
        if (platform is null || digest is null || !digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71)
            throw new BuildError($"{source}: no 'platform=sha256:<64 hex>' line; was it written by DockerBuildx --digests-directory?");
        return new PlatformImage(platform, digest, staging);
    }

    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, Slug(Platform)), ToFileText());
    }

    /// <summary>
    /// Stops before anything is tagged when a requested platform left no digest (its job failed or its artifact
    /// is missing): an index without it would silently drop that platform from every tag.
    /// </summary>
    public static IReadOnlyList<PlatformImage> RequireAll(IReadOnlyList<PlatformImage> images, IEnumerable<string> platforms, string directory)
    {
        var missing = platforms.Where(p => images.All(i => i.Platform != p)).ToList();
        if (missing.Count > 0)
            throw new BuildError($"Digests directory {directory} has no digest for {string.Join(", ", missing)}; nothing was tagged (did that platform's job fail?).");
        return images;
    }

    /// <summary>Whether <paramref name="directory"/> holds any digest file (a missing directory holds none).</summary>
    public static bool AnyIn(string directory) => Directory.Exists(directory) && Directory.EnumerateFiles(directory).Any();

    /// <summary>All platforms recorded in <paramref name="directory"/>, ordered by platform; one per platform.</summary>
    public static IReadOnlyList<PlatformImage> ReadAll(string directory)
    {
        if (!Directory.Exists(directory)) throw new BuildError($"Digests directory {directory} does not exist: run DockerBuildx with --digests-directory first (or download the per-platform artifacts there).");
        var images = Directory.GetFiles(directory).Order(StringComparer.Ordinal)
            .Select(file => ParseFileText(File.ReadAllText(file), file)).ToList();
        if (images.Count == 0) throw new BuildError($"Digests directory {directory} is empty: no platform was built.");
        var duplicate = images.GroupBy(i => i.Platform).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new BuildError($"Digests directory {directory} has {duplicate.Key} more than once.");
        return images.OrderBy(i => i.Platform, StringComparer.Ordinal).ToList();
    }
}
