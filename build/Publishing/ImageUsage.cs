namespace Publishing;

/// <summary>
/// How a person runs the built image, for the hints in the log and the summary: the port it serves and the
/// command for <c>docker run</c> and for a compose service, and a note the summary prints under the compose
/// snippet (null: none). A build without one gets no run hints.
/// </summary>
internal sealed record ImageUsage(int Port, string RunCommand, string ServeCommand, string? Note = null);

/// <summary>Names derived from an image name, so a build that changes only the name gets matching defaults.</summary>
internal static class ImageNames
{
    /// <summary>The last path segment of registry/name (no tag): "ghcr.io/o/r/app" gives "app".</summary>
    public static string LastSegment(string image)
    {
        var name = image.TrimEnd('/');
        var slash = name.LastIndexOf('/');
        var last = slash < 0 ? name : name[(slash + 1)..];
        // A registry host with a port ("host:5000") has no segment after it; an image name never holds ':' in its path.
        return last.Length == 0 ? "image" : last;
    }
}
