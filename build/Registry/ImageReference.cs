namespace Registry;

/// <summary>"registry/repository[:tag]" split into its parts (enough for the registry's HTTP API).</summary>
internal sealed record ImageReference(string Registry, string Repository)
{
    public static ImageReference Parse(string image)
    {
        var at = image.IndexOf('@');
        if (at >= 0) image = image[..at];
        var slash = image.IndexOf('/');
        var first = slash < 0 ? "" : image[..slash];
        // Docker's rule: the first part names a registry when it has a dot or a port, or is localhost.
        var hasRegistry = first.Contains('.') || first.Contains(':') || first == "localhost";
        var registry = hasRegistry ? first : "docker.io";
        var path = hasRegistry ? image[(slash + 1)..] : image;
        var colon = path.LastIndexOf(':');
        if (colon > path.LastIndexOf('/')) path = path[..colon];
        if (!hasRegistry && !path.Contains('/')) path = "library/" + path;
        return new ImageReference(registry, path);
    }

    /// <summary>Docker talks plain HTTP to loopback registries (they are insecure-allowed by default) and HTTPS elsewhere.</summary>
    public Uri BaseUri
    {
        get
        {
            var host = Registry == "docker.io" ? "registry-1.docker.io" : Registry;
            var name = host.Split(':')[0];
            var loopback = name is "localhost" || name.StartsWith("127.", StringComparison.Ordinal) || name == "[::1]";
            return new Uri($"{(loopback ? "http" : "https")}://{host}/");
        }
    }

    public override string ToString() => $"{Registry}/{Repository}";
}
