using System.Reflection;
using System.Text.RegularExpressions;

namespace Build.Tests.Design;

/// <summary>
/// The uses the compiled IL cannot show, read from the source: a constant or an enum value (copied into the caller),
/// <c>nameof</c>, and a <c>using</c> that names a namespace. A use is a using directive or a qualified name whose
/// prefix is one of <paramref name="ours"/>' namespaces followed by one of its types (<c>Publishing.PushPolicy.X</c>).
/// </summary>
public static partial class SourceNamespaceUses
{
    public static IReadOnlyList<NamespaceUse> Read(string root, IEnumerable<string> files, params Assembly[] ours)
    {
        var types = ours.SelectMany(a => a.GetTypes()).Where(t => !t.IsNested && !t.Name.StartsWith('<'))
            .GroupBy(NamespaceUses.NamespaceOf).ToDictionary(g => g.Key, g => g.Select(t => t.Name.Split('`')[0]).ToHashSet());
        var uses = new List<NamespaceUse>();
        foreach (var file in files)
        {
            var text = Comment().Replace(File.ReadAllText(Path.Combine(root, file)), "");
            var from = Namespace().Match(text) is { Success: true } m ? m.Groups[1].Value : "Build";
            foreach (Match u in Using().Matches(text))
                if (Known(u.Groups[1].Value, types) is { } ns) uses.Add(new(file, from, ns, "using " + u.Groups[1].Value));
            foreach (Match q in Qualified().Matches(text))
            {
                var parts = q.Groups[1].Value.Split('.');
                for (var n = parts.Length - 1; n >= 1; n--)
                    if (types.GetValueOrDefault(string.Join('.', parts[..n])) is { } names && names.Contains(parts[n]))
                    {
                        uses.Add(new(file, from, string.Join('.', parts[..n]), q.Groups[1].Value));
                        break;
                    }
            }
        }
        return uses.Where(u => u.From != u.To).Distinct().ToList();
    }

    // The longest prefix of a using's target that is one of our namespaces.
    static string? Known(string target, Dictionary<string, HashSet<string>> types)
    {
        var parts = target.Split('.');
        return Enumerable.Range(1, parts.Length).Reverse().Select(n => string.Join('.', parts[..n])).FirstOrDefault(types.ContainsKey);
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?([A-Z]\w*(?:\.[A-Z]\w*)+)")]
    private static partial Regex Qualified();
}
