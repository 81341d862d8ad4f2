namespace Engine;

/// <summary>How NUKE spells and compares names on the command line.</summary>
public static class Names
{
    static readonly string[] KnownWords =
        ["DotNet", "GitHub", "GitVersion", "MSBuild", "NuGet", "ReSharper", "AppVeyor", "TeamCity", "GitLab", "SignPath", "JetBrains"];

    /// <summary>Names compare with every '-' removed, ignoring case: --api-key = -ApiKey = --APIKEY.</summary>
    public static string Key(string name) => name.Replace("-", "").ToLowerInvariant();

    public static bool Same(string a, string b) => Key(a) == Key(b);

    /// <summary>NuGetApiKey → nuget-api-key: split camel humps (known words stay whole), join with '-'.</summary>
    public static string Kebab(string name) => string.Join("-", Words(name)).ToLowerInvariant();

    /// <summary>NuGetApiKey → NUGET_API_KEY (how generated CI files name secrets).</summary>
    public static string SnakeUpper(string name) => string.Join("_", Words(name)).ToUpperInvariant();

    /// <summary>
    /// The candidate nearest to a misspelt <paramref name="name"/> (edit distance over <see cref="Key"/>, at most a
    /// third of the name, at least 2), or null when none is near enough to be what was meant.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var key = Key(name);
        var limit = Math.Max(2, key.Length / 3);
        return candidates.Select(c => (Name: c, Distance: Distance(key, Key(c))))
            .Where(c => c.Distance <= limit).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
    }

    static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    static IEnumerable<string> Words(string name)
    {
        // A hump is an upper-case letter right after a lower-case one (so "Net6Version" stays one word).
        var cuts = new SortedSet<int>(Enumerable.Range(1, Math.Max(0, name.Length - 1))
            .Where(i => char.IsUpper(name[i]) && char.IsLower(name[i - 1])));
        foreach (var start in cuts.Prepend(0).ToList())
            foreach (var word in KnownWords.Where(w => string.CompareOrdinal(name, start, w, 0, w.Length) == 0))
                cuts.RemoveWhere(c => c > start && c < start + word.Length);
        var previous = 0;
        foreach (var cut in cuts.Append(name.Length))
        {
            yield return name[previous..cut];
            previous = cut;
        }
    }
}
