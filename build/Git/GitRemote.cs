using System.Text.RegularExpressions;

namespace Git;

/// <summary>What a remote URL names.</summary>
internal static partial class GitRemote
{
    /// <summary>"owner/repo" from an https, ssh or scp-style remote URL ("" when it names none: a path, file:, nothing).</summary>
    public static string Repository(string url)
    {
        url = url.Trim();
        if (url.Length == 0 || url.StartsWith('/') || url.StartsWith('.') || url.StartsWith("file:")) return "";
        var match = RemotePath().Match(url);
        return match.Success ? $"{match.Groups["owner"].Value}/{match.Groups["repo"].Value}" : "";
    }

    [GeneratedRegex(@"[:/](?<owner>[^/:]+)/(?<repo>[^/]+?)(\.git)?/?$")]
    private static partial Regex RemotePath();
}
