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
    /// The candidate nearest to a misspelt <paramref name="name"/> (edit distance over <see cref="Key"/>, a swap of two
    /// neighbours counting as one edit, at most a third of the name and at least 1), or null when none is near enough
    /// to be what was meant: "--foo" suggests nothing rather than "--root".
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var key = Key(name);
        var limit = Math.Max(1, key.Length / 3);
        return candidates.Select(c => (Name: c, Distance: Distance(key, Key(c))))
            .Where(c => c.Distance <= limit).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
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
