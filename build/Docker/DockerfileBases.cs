using System.Text.RegularExpressions;

namespace Docker;

/// <summary>
/// The images a Dockerfile builds FROM, with its ARGs resolved as BuildKit does for FROM lines: the global ARGs
/// (before the first FROM) and their defaults, overridden by the build's --build-arg values. Stages named by an
/// earlier FROM ... AS and <c>scratch</c> are not images to read. Pure.
/// </summary>
internal static partial class DockerfileBases
{
    public static IReadOnlyList<string> Resolve(string dockerfile, IReadOnlyList<KeyValuePair<string, string>> buildArgs)
    {
        var given = buildArgs.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var bases = new List<string>();
        var seenFrom = false;
        foreach (var line in Joined(dockerfile))
        {
            if (ArgLine().Match(line) is { Success: true } arg && !seenFrom)
            {
                var name = arg.Groups["name"].Value;
                var value = given.TryGetValue(name, out var v) ? v : arg.Groups["value"].Success ? Unquote(arg.Groups["value"].Value) : null;
                if (value is not null) args[name] = value;
            }
            else if (FromLine().Match(line) is { Success: true } from)
            {
                seenFrom = true;
                var image = Expand(from.Groups["image"].Value, args);
                if (from.Groups["stage"].Success) stages.Add(from.Groups["stage"].Value);
                if (!image.Equals("scratch", StringComparison.OrdinalIgnoreCase) && !stages.Contains(image) && !bases.Contains(image)) bases.Add(image);
            }
        }
        return bases;
    }

    /// <summary>Lines with their backslash continuations joined, comments dropped.</summary>
    static IEnumerable<string> Joined(string text)
    {
        var current = "";
        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#')) continue;
            if (line.EndsWith('\\')) { current += line[..^1] + " "; continue; }
            yield return current + line;
            current = "";
        }
        if (current.Length > 0) yield return current;
    }

    static string Expand(string text, IReadOnlyDictionary<string, string> args) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
            if (args.TryGetValue(name, out var value) && value.Length > 0) return value;
            return m.Groups["default"].Success ? m.Groups["default"].Value : "";
        });

    static string Unquote(string value) => value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex(@"^ARG\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)(=(?<value>\S*))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ArgLine();

    [GeneratedRegex(@"^FROM\s+(--\S+\s+)*(?<image>\S+)(\s+AS\s+(?<stage>\S+))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"\$\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}|\$(?<plain>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
