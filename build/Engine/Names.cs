namespace Engine;

/// <summary>How NUKE spells and compares names on the command line.</summary>
static class Names
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
