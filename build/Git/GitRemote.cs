using System.Text.RegularExpressions;

namespace Git;

/// <summary>What a remote URL names: the host and, for GitHub-like hosts, "owner/repo".</summary>
public sealed record GitRemote(string Url, string? Host, string? Owner, string? Name)
{
    /// <summary>"owner/repo", or null when the URL names no such pair (a local path, a file:// URL).</summary>
    public string? Identifier => Owner is null || Name is null ? null : $"{Owner}/{Name}";

    // https://host/owner/repo(.git), ssh://git@host(:port)/owner/repo(.git), git://host/owner/repo
    static readonly Regex UrlForm = new(
        @"^(?:https?|ssh|git)://(?:[^@/]+@)?(?<host>[^/:]+)(?::\d+)?/(?<owner>[^/]+)/(?<name>[^/]+?)(?:\.git)?/?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // scp-like: git@host:owner/repo(.git)
    static readonly Regex ScpForm = new(
        @"^(?:[^@/]+@)?(?<host>[^/:]+):(?<owner>[^/]+)/(?<name>[^/]+?)(?:\.git)?/?$",
        RegexOptions.CultureInvariant);

    public static GitRemote Parse(string url)
    {
        var trimmed = url.Trim();
        var match = UrlForm.Match(trimmed);
        if (!match.Success && !trimmed.Contains("://")) match = ScpForm.Match(trimmed);
        return match.Success
            ? new GitRemote(trimmed, match.Groups["host"].Value, match.Groups["owner"].Value, match.Groups["name"].Value)
            : new GitRemote(trimmed, null, null, null);
    }
}
