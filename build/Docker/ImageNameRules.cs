using System.Text.RegularExpressions;

namespace Docker;

/// <summary>
/// Docker's grammar for a registry host and a repository path, checked before any login or build: an empty
/// --registry would make <c>docker login</c> send the password to Docker Hub, and a host without a dot, port or
/// "localhost" is read by docker as a Docker Hub namespace, so the image would go there.
/// </summary>
internal static partial class ImageNameRules
{
    /// <summary>Docker's limit for a whole name (registry/path).</summary>
    const int MaxNameLength = 255;

    public static string RequireRegistry(string registry)
    {
        if (registry.Length == 0)
            throw new BuildError("--registry is empty: name the registry host (e.g. ghcr.io or 127.0.0.1:5000); an empty one would send the password to Docker Hub.");
        if (registry.Length > MaxNameLength || !RegistryHost().IsMatch(registry))
            throw new BuildError($"--registry '{Shorten(registry)}' is not a registry host such as ghcr.io or 127.0.0.1:5000 (letters, digits, '.', '-', an optional :port).");
        if (!registry.Contains('.') && !registry.Contains(':') && registry != "localhost")
            throw new BuildError($"--registry '{registry}' has no '.', port or 'localhost': docker would read it as a Docker Hub namespace. Use the full host (e.g. {registry}.example.com or {registry}:5000).");
        return registry;
    }

    public static string RequireRepository(string registry, string path)
    {
        if (path.Length == 0)
            throw new BuildError("--image-name is empty: name the repository under the registry (e.g. owner/repo/app).");
        if (registry.Length + 1 + path.Length > MaxNameLength || !RepositoryPath().IsMatch(path))
            throw new BuildError($"--image-name '{Shorten(path)}' is not a repository path docker accepts: lower-case letters and digits in '/'-separated parts, joined by '.', '_', '__' or '-' (at most {MaxNameLength} characters with the registry).");
        return path;
    }

    /// <summary>os/architecture[/variant] each (e.g. linux/arm64/v8): a typo stops here, in one line, before any build.</summary>
    /// <summary>--platforms as given (split at ','), trimmed, without blanks and repeats, each checked; at least one.</summary>
    public static string[] NormalisePlatforms(IEnumerable<string> given)
    {
        string[] platforms = [.. given.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct()];
        return platforms.Length > 0 ? RequirePlatforms(platforms) : throw new BuildError("--platforms names no platform: give one or more, such as linux/amd64,linux/arm64.");
    }

    public static string[] RequirePlatforms(string[] platforms)
    {
        if (platforms.FirstOrDefault(p => p.Length > 64 || !Platform().IsMatch(p)) is { } bad)
            throw new BuildError($"--platforms '{Shorten(bad)}' is not a platform such as linux/amd64 or linux/arm64/v8 (os/architecture[/variant]).");
        // A typo (linux/amd6) is not a platform the builder lacks: say so here rather than advise registering QEMU.
        foreach (var platform in platforms)
        {
            var (os, architecture) = (platform.Split('/')[0].ToLowerInvariant(), platform.Split('/')[1].ToLowerInvariant());
            if (!KnownSystems.Contains(os))
                throw new BuildError($"--platforms '{platform}': '{os}' is not an operating system docker knows{DidYouMean(os, KnownSystems, a => $"{a}/{architecture}")} (known: {string.Join(", ", KnownSystems)}).");
            if (!KnownArchitectures.Contains(architecture))
                throw new BuildError($"--platforms '{platform}': '{architecture}' is not an architecture docker knows{DidYouMean(architecture, KnownArchitectures, a => $"{os}/{a}")} (known: {string.Join(", ", KnownArchitectures)}; e.g. linux/amd64, linux/arm64, linux/arm/v7).");
        }
        return platforms;
    }

    static string DidYouMean(string given, IEnumerable<string> known, Func<string, string> spell) =>
        Names.Closest(given, known) is { } closest ? $" (did you mean {spell(closest)}?)" : "";

    /// <summary>GOOS values (what OCI platforms use), and the architectures docker and containerd accept, with their aliases.</summary>
    static readonly string[] KnownSystems =
        ["aix", "android", "darwin", "dragonfly", "freebsd", "illumos", "ios", "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows"];
    static readonly string[] KnownArchitectures =
    [
        "386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm",
        "aarch64", "armel", "armhf", "i386", "x86_64", "x86-64",
    ];

    /// <summary>A folder name as a repository path component: lower-case, other characters as '-', "image" when none is left.</summary>
    public static string PathComponent(string name)
    {
        var component = Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        return component.Length > 0 ? component : "image";
    }

    /// <summary>A long value is cut in the message, so the error stays one readable line.</summary>
    static string Shorten(string value) => value.Length <= 80 ? value.ReplaceLineEndings("\\n") : value[..60].ReplaceLineEndings("\\n") + $"... ({value.Length} characters)";

    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex RegistryHost();

    [GeneratedRegex(@"^[a-z0-9_.-]+/[a-z0-9_.-]+(?:/[a-z0-9_.-]+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Platform();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPath();
}
