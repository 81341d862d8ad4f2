using Tooling;

namespace Docker;

/// <summary>Where a build's result goes: the registry, the local engine, or an exporter of its own.</summary>
internal abstract record BuildxOutput
{
    /// <summary><c>--push</c>: push the tags.</summary>
    public sealed record Push : BuildxOutput;

    /// <summary><c>--load</c>: into the local engine.</summary>
    public sealed record Load : BuildxOutput;

    /// <summary><c>--output &lt;spec&gt;</c>, e.g. <c>type=oci,dest=x.tar</c>.</summary>
    public sealed record Exporter(string Spec) : BuildxOutput;

    /// <summary>Push the image under no tag, only by digest (needs a builder that is not the docker driver).</summary>
    public static Exporter PushByDigest(string image) => new($"type=image,name={image},push-by-digest=true,name-canonical=true,push=true");

    /// <summary>
    /// Into the engine's image store under <paramref name="name"/>, not pushed. The docker driver's way to push: with
    /// <c>--push</c> buildx pushes twice (BuildKit's exporter, then again through the engine), so the build stores it
    /// and one <c>docker push</c> follows.
    /// </summary>
    public static Exporter ImageStore(string name) => new($"type=image,name={name}");

    /// <summary>A multi-platform OCI archive (the docker exporter cannot hold an index).</summary>
    public static Exporter OciArchive(string path) => new($"type=oci,dest={path}");
}

/// <summary>A <c>--secret</c>: the value comes from an environment variable or a file, never from argv.</summary>
internal sealed record BuildSecret(string Id)
{
    public string? EnvironmentVariable { get; init; }
    public string? File { get; init; }

    public string ToSpec() =>
        EnvironmentVariable is { Length: > 0 } variable ? $"id={Id},env={variable}"
        : File is { Length: > 0 } file ? $"id={Id},src={file}"
        : throw new BuildError($"Build secret '{Id}' names neither an environment variable nor a file.");
}

/// <summary>
/// <c>docker buildx build</c> as typed settings. <see cref="ToCommand"/> gives the argv list, options in a fixed
/// order and the context last, so a command reads the same in the log, in --dry-run and in tests.
/// </summary>
internal sealed record BuildxBuildSettings(string Context)
{
    public string? File { get; init; }
    public string? Builder { get; init; }
    public IReadOnlyList<string> Platforms { get; init; } = [];
    /// <summary>Name → value, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BuildArgs { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>"key=value".</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>"[level:]key=value" (buildx's own form).</summary>
    public IReadOnlyList<string> Annotations { get; init; } = [];
    public IReadOnlyList<string> CacheFrom { get; init; } = [];
    public IReadOnlyList<string> CacheTo { get; init; } = [];
    public BuildxOutput? Output { get; init; }
    public string? MetadataFile { get; init; }
    /// <summary>"mode=max", "false", ...; null leaves buildx's default.</summary>
    public string? Provenance { get; init; }
    /// <summary>"true", "false", "generator=..."; null leaves buildx's default.</summary>
    public string? Sbom { get; init; }
    public bool Pull { get; init; }
    public bool NoCache { get; init; }
    public string? Target { get; init; }
    public IReadOnlyList<BuildSecret> Secrets { get; init; } = [];
    /// <summary>"plain" keeps CI logs readable; null leaves buildx's choice.</summary>
    public string? Progress { get; init; }

    public ToolCommand ToCommand() => new("docker", ToArguments());

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string> { "buildx", "build" };
        void Add(string option, string? value) { if (value is { Length: > 0 }) args.AddRange([option, value]); }
        void AddEach(string option, IEnumerable<string> values) { foreach (var value in values) args.AddRange([option, value]); }

        Add("--builder", Builder);
        Add("--file", File);
        if (Platforms.Count > 0) args.AddRange(["--platform", string.Join(',', Platforms)]);
        AddEach("--build-arg", BuildArgs.Select(pair => $"{pair.Key}={pair.Value}"));
        AddEach("--tag", Tags);
        AddEach("--label", Labels);
        AddEach("--annotation", Annotations);
        AddEach("--cache-from", CacheFrom);
        AddEach("--cache-to", CacheTo);
        Add("--provenance", Provenance);
        Add("--sbom", Sbom);
        if (Pull) args.Add("--pull");
        if (NoCache) args.Add("--no-cache");
        Add("--target", Target);
        AddEach("--secret", Secrets.Select(secret => secret.ToSpec()));
        Add("--metadata-file", MetadataFile);
        Add("--progress", Progress);
        switch (Output)
        {
            case BuildxOutput.Push: args.Add("--push"); break;
            case BuildxOutput.Load: args.Add("--load"); break;
            case BuildxOutput.Exporter exporter: args.AddRange(["--output", exporter.Spec]); break;
        }
        args.Add(Context);
        return args;
    }
}
