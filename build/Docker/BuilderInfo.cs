namespace Docker;

/// <summary>What <c>docker buildx inspect</c> says about the builder a build will use.</summary>
internal sealed record BuilderInfo(string Name, string Driver, string BuildKitVersion, IReadOnlyList<string> Platforms)
{
    /// <summary>The docker driver cannot push by digest (docker-stack.md); docker-container, kubernetes and remote can.</summary>
    public bool CanPushByDigest => Driver is not ("docker" or "");

    /// <summary>"linux/arm64" is offered when the builder lists it or a variant of it (linux/arm64/v8).</summary>
    public bool Offers(string platform) =>
        Platforms.Any(p => p.Equals(platform, StringComparison.OrdinalIgnoreCase)
                           || p.StartsWith(platform + "/", StringComparison.OrdinalIgnoreCase));

    public string Describe() =>
        $"Builder '{Name}' (driver {Driver}), BuildKit {BuildKitVersion}, platforms: {(Platforms.Count == 0 ? "none reported" : string.Join(", ", Platforms))}";

    /// <summary>Parses the text of <c>docker buildx inspect</c>; the first node's BuildKit version and platforms count.</summary>
    public static BuilderInfo Parse(string inspectOutput)
    {
        string? name = null, driver = null, buildKit = null;
        var platforms = new List<string>();
        foreach (var raw in inspectOutput.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':');
            if (colon <= 0 || char.IsWhiteSpace(line[0])) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "Name": name ??= value; break;
                case "Driver": driver ??= value; break;
                case "BuildKit version" or "Buildkit" or "BuildKit": buildKit ??= value; break;
                case "Platforms" when platforms.Count == 0:
                    // A '*' marks platforms set by the user at create time.
                    platforms.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(p => p.TrimEnd('*')));
                    break;
            }
        }
        return new BuilderInfo(name ?? "", driver ?? "", buildKit is { Length: > 0 } ? buildKit : "unknown", platforms);
    }
}
