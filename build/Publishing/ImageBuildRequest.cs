using Docker;

namespace Publishing;

/// <summary>
/// Everything one DockerBuildx run needs, read once at the edge. The pure methods turn it into the exact
/// buildx settings of each build, so tests pin them without a daemon.
/// </summary>
internal sealed record ImageBuildRequest
{
    /// <summary>registry/name, no tag.</summary>
    public required string Image { get; init; }
    public required string Context { get; init; }
    public string? File { get; init; }
    public required IReadOnlyList<string> Platforms { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> BuildArgs { get; init; } = [];
    /// <summary>Full references image:tag (the Tag target's tags).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>"[level:]key=value" as Tag gives them.</summary>
    public IReadOnlyList<string> Annotations { get; init; } = [];
    public bool Push { get; init; }
    /// <summary>Cache for a platform scope (null: one build of every platform).</summary>
    public Func<string?, CacheSettings> Cache { get; init; } = _ => CacheSettings.None;
    /// <summary>Where metadata files go (.nuke/temp).</summary>
    public required string WorkDirectory { get; init; }
    /// <summary>The archive for a multi-platform build that is not pushed (default: &lt;work&gt;/&lt;last segment of the image&gt;.oci.tar).</summary>
    public string? ArchivePath { get; init; }
    /// <summary>How to run the image, for the hint after a local load (null: no hint).</summary>
    public ImageUsage? Usage { get; init; }
    /// <summary>Unique per run (GitHub run id and attempt, else random): names staging tags.</summary>
    public required string RunKey { get; init; }
    public bool Sbom { get; init; } = true;
    public bool Pull { get; init; }
    public bool NoCache { get; init; }
    public string? Target { get; init; }
    public IReadOnlyList<BuildSecret> Secrets { get; init; } = [];
    /// <summary>The run's inputs, recorded on the index (null: not known, the index carries none).</summary>
    public InputFingerprint? Inputs { get; init; }
    /// <summary>The build class's changes to every buildx build (IDockerBuildx.BuildxSettings); what they add counts in the fingerprint.</summary>
    public Configure<BuildxBuildSettings> ConfigureBuild { get; init; } = settings => settings;
    /// <summary>The build class's changes to the index Merge creates (IMerge.IndexSettings).</summary>
    public Configure<ImagetoolsCreateSettings> ConfigureIndex { get; init; } = settings => settings;

    /// <summary>
    /// What <see cref="ConfigureBuild"/> adds to a bare build, as buildx arguments; none when it changes nothing there.
    /// The input fingerprint covers them, so a changed seam builds the image again.
    /// </summary>
    public IReadOnlyList<string> ConfiguredArguments
    {
        get
        {
            var bare = new BuildxBuildSettings(".");
            var configured = ConfigureBuild(bare).ToArguments();
            return configured.SequenceEqual(bare.ToArguments()) ? [] : configured;
        }
    }

    /// <summary>Checked before anything is pushed: per-platform images nobody can tag would only be litter.</summary>
    public void RequireTags()
    {
        if (Tags.Count == 0) throw new BuildError("Tag computed no tags, so there is nothing to publish the image under; check the tag rules.");
    }

    public string ArchiveFile => ArchivePath ?? Path.Combine(WorkDirectory, ImageNames.LastSegment(Image) + ".oci.tar");

    /// <summary>The one tag the platforms of this run go under when the builder cannot push by digest.</summary>
    public string StagingTag => $"staging-{RunKey}-{string.Join('-', Platforms.Select(PlatformImage.Slug))}";

    /// <summary>What <see cref="StagingTag"/> looks like (staging-&lt;run key&gt;-&lt;os&gt;-&lt;arch&gt;[-&lt;variant&gt;]...): Prune reads such tags back as staging leftovers.</summary>
    public static readonly System.Text.RegularExpressions.Regex StagingTagPattern =
        new(@"^staging-[A-Za-z0-9_.-]+?(?:-[a-z0-9]+-[a-z0-9_]+(?:-v[0-9]+)?)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    public string MetadataFile(string? platform) => Path.Combine(WorkDirectory, $"buildx-metadata-{(platform is null ? "all" : PlatformImage.Slug(platform))}.json");

    /// <summary>The local tags, or &lt;image&gt;:local when Tag produced none (an untagged load is hard to find).</summary>
    public IReadOnlyList<string> LocalTags => Tags.Count > 0 ? Tags : [$"{Image}:local"];

    /// <summary>
    /// Every platform of this runner in one BuildKit solve (benchmarks/docker-solves.sh: faster than a solve per
    /// platform), pushed by digest, or under the staging tag when the builder cannot push by digest. One platform
    /// keeps the cache of its own (the per-platform jobs); several share one.
    /// </summary>
    public BuildxBuildSettings ForPush(BuilderInfo builder)
    {
        var one = Platforms.Count == 1 ? Platforms[0] : null;
        var cache = Cache(one is null ? null : PlatformImage.Slug(one));
        return ConfigureBuild(Common(builder) with
        {
            Platforms = Platforms,
            Tags = [],
            Output = builder.CanPushByDigest ? BuildxOutput.PushByDigest(Image) : BuildxOutput.ImageStore($"{Image}:{StagingTag}"),
            CacheFrom = cache.From,
            CacheTo = cache.To,
            Provenance = "mode=max",
            Sbom = Sbom ? "true" : null,
            MetadataFile = MetadataFile(one),
        });
    }

    /// <summary>Not pushing: one platform loads into the engine, several go to an OCI archive.</summary>
    public BuildxBuildSettings ForLocal(BuilderInfo builder)
    {
        var cache = Cache(null);
        return ConfigureBuild(Common(builder) with
        {
            Platforms = Platforms,
            Tags = LocalTags,
            Output = Platforms.Count == 1 ? new BuildxOutput.Load() : BuildxOutput.OciArchive(ArchiveFile),
            CacheFrom = cache.From,
            CacheTo = cache.To,
            MetadataFile = MetadataFile(null),
        });
    }

    /// <summary>The final step: every tag and the index annotations, applied at once to the per-platform images.</summary>
    public ImagetoolsCreateSettings ForIndex(IReadOnlyList<PlatformImage> platforms, BuilderInfo? builder) =>
        ConfigureIndex(new(platforms.Select(p => $"{Image}@{p.Digest}").ToList())
        {
            Tags = Tags,
            Annotations = [.. WithValues(AnnotationLevels.ForIndex(Annotations)), .. Inputs?.IndexAnnotations ?? []],
            Builder = builder?.Name is { Length: > 0 } name && name != "default" ? name : null,
        });

    /// <summary>
    /// Drops "key=" pairs: an empty label would overwrite the Dockerfile's (its description) with nothing. Tag's
    /// outputs keep them as the action emits them; the image is ours.
    /// </summary>
    static IReadOnlyList<string> WithValues(IEnumerable<string> pairs) =>
        pairs.Where(pair => pair.IndexOf('=') is var equals && (equals < 0 || pair[(equals + 1)..].Trim().Length > 0)).ToList();

    BuildxBuildSettings Common(BuilderInfo builder) => new(Context)
    {
        File = File,
        Builder = builder.Name is { Length: > 0 } name && name != "default" ? name : null,
        BuildArgs = BuildArgs,
        Labels = WithValues(Labels),
        Annotations = WithValues(AnnotationLevels.ForBuild(Annotations)),
        Pull = Pull,
        NoCache = NoCache,
        Target = Target,
        Secrets = Secrets,
        Progress = "plain",
    };
}

/// <summary>Which of Tag's annotations go on the per-platform images and which on the final index.</summary>
internal static class AnnotationLevels
{
    /// <summary>Manifest-level ones (also unprefixed, buildx's default level); index levels belong to the final step.</summary>
    public static IReadOnlyList<string> ForBuild(IReadOnlyList<string> annotations) =>
        annotations.Where(a => !IsIndexLevel(a)).ToList();

    /// <summary>
    /// The index-level ones; when Tag gave none, the manifest ones moved to the index, because the index is
    /// what every tag points to (metadata-action leaves levels to the user; we want the index annotated).
    /// </summary>
    public static IReadOnlyList<string> ForIndex(IReadOnlyList<string> annotations)
    {
        var index = annotations.Where(IsIndexLevel).ToList();
        if (index.Count > 0) return index.Where(a => a.StartsWith("index:", StringComparison.Ordinal)).ToList();
        return annotations.Select(a => a.StartsWith("manifest:", StringComparison.Ordinal) ? "index:" + a["manifest:".Length..]
                                       : HasLevel(a) ? null : "index:" + a)
            .OfType<string>().ToList();
    }

    /// <summary>"level:key=value": a ':' before the '=' (keys themselves are dotted names without ':').</summary>
    static bool HasLevel(string annotation)
    {
        var colon = annotation.IndexOf(':');
        var equals = annotation.IndexOf('=');
        return colon >= 0 && (equals < 0 || colon < equals);
    }

    static bool IsIndexLevel(string annotation) =>
        annotation.StartsWith("index:", StringComparison.Ordinal) || annotation.StartsWith("index-descriptor:", StringComparison.Ordinal);
}
