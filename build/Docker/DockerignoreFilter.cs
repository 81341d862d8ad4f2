using System.Text;
using System.Text.RegularExpressions;

namespace Docker;

/// <summary>
/// Which files of a build context BuildKit sends, as <c>.dockerignore</c> decides: patterns relative to the context
/// root, <c>*</c> and <c>?</c> within one path segment, <c>**</c> across segments, <c>!</c> to keep again; the last
/// pattern that matches a file or one of its parent directories wins. Pure over the file's text and a path.
/// </summary>
internal sealed class DockerignoreFilter
{
    readonly IReadOnlyList<(Regex Pattern, bool Keep)> rules;

    DockerignoreFilter(IReadOnlyList<(Regex, bool)> rules) => this.rules = rules;

    public static DockerignoreFilter Parse(string? text)
    {
        var rules = new List<(Regex, bool)>();
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var keep = line.StartsWith('!');
            var pattern = (keep ? line[1..].Trim() : line).Replace('\\', '/').Trim('/');
            while (pattern.StartsWith("./", StringComparison.Ordinal)) pattern = pattern[2..];
            if (pattern.Length == 0 || pattern == ".") continue;
            rules.Add((new Regex("^" + ToRegex(pattern) + "$", RegexOptions.CultureInvariant), keep));
        }
        return new DockerignoreFilter(rules);
    }

    /// <summary>Some pattern keeps a path again: a directory that is left out may still hold files that are sent.</summary>
    public bool HasExceptions => rules.Any(r => r.Keep);

    /// <summary>Whether BuildKit leaves out <paramref name="path"/> ('/'-separated, relative to the context).</summary>
    public bool Excludes(string path)
    {
        var excluded = false;
        foreach (var (pattern, keep) in rules)
            if (MatchesOrParentMatches(pattern, path)) excluded = !keep;
        return excluded;
    }

    static bool MatchesOrParentMatches(Regex pattern, string path)
    {
        if (pattern.IsMatch(path)) return true;
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            if (pattern.IsMatch(path[..slash])) return true;
        return false;
    }

    static string ToRegex(string pattern)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                // "**/" may match no directory at all; "**" at the end matches everything below.
                if (i + 1 < pattern.Length && pattern[i + 1] == '/') { regex.Append("(.*/)?"); i++; }
                else regex.Append(".*");
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var close and > 0)
            {
                var set = pattern[(i + 1)..close];
                regex.Append('[').Append(set.StartsWith('^') || set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < pattern.Length) regex.Append(Regex.Escape(pattern[++i].ToString()));
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.ToString();
    }

    /// <summary>Every file BuildKit would send from <paramref name="root"/>, relative and '/'-separated, in ordinal order.</summary>
    public IReadOnlyList<string> Files(string root)
    {
        var files = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                var isDirectory = entry is DirectoryInfo && entry.LinkTarget is null;
                if (isDirectory)
                {
                    // A left-out directory is not walked unless an exception could bring a file in it back.
                    if (!Excludes(relative) || HasExceptions) pending.Push(entry.FullName);
                }
                else if (!Excludes(relative)) files.Add(relative);
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
