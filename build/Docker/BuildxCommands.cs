using Tooling;

namespace Docker;

/// <summary>The small <c>docker buildx</c> commands around a build: version, inspect, create, use.</summary>
internal static class BuildxCommands
{
    public static ToolCommand Version() => new("docker", ["buildx", "version"]);

    /// <summary><c>docker buildx inspect [name]</c>; without a name, the current builder (BUILDX_BUILDER or `use`).</summary>
    public static ToolCommand Inspect(string? builder = null, bool bootstrap = false) =>
        new("docker", ["buildx", "inspect", .. Optional(builder), .. bootstrap ? ["--bootstrap"] : Array.Empty<string>()]);

    public static ToolCommand Create(BuildxCreateSettings settings) => new("docker", ["buildx", "create", .. settings.ToArguments()]);

    public static ToolCommand Use(string builder, bool global = false) =>
        new("docker", ["buildx", "use", .. global ? ["--global"] : Array.Empty<string>(), builder]);

    static string[] Optional(string? value) => string.IsNullOrEmpty(value) ? [] : [value];
}

/// <summary><c>docker buildx create</c>: a named builder with a driver (docker-container can push by digest).</summary>
internal sealed record BuildxCreateSettings(string Name)
{
    public string? Driver { get; init; }
    public IReadOnlyList<string> DriverOptions { get; init; } = [];
    public IReadOnlyList<string> Platforms { get; init; } = [];
    public bool Use { get; init; }
    public bool Bootstrap { get; init; }

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string> { "--name", Name };
        if (Driver is { Length: > 0 }) args.AddRange(["--driver", Driver]);
        foreach (var option in DriverOptions) args.AddRange(["--driver-opt", option]);
        if (Platforms.Count > 0) args.AddRange(["--platform", string.Join(',', Platforms)]);
        if (Use) args.Add("--use");
        if (Bootstrap) args.Add("--bootstrap");
        return args;
    }
}
