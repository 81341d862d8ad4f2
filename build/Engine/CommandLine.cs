namespace Engine;

/// <summary>
/// NUKE's argument grammar: leading tokens are targets; a token starting with '-' names an argument whose
/// values are the tokens up to the next '-' token; names ignore dashes and case; the last occurrence wins.
/// </summary>
sealed class CommandLine
{
    readonly Dictionary<string, (string Name, string[] Values)> named = new();

    public CommandLine(IReadOnlyList<string> args)
    {
        Args = args;
        var i = 0;
        var positional = new List<string>();
        for (; i < args.Count && !IsName(args[i]); i++)
            positional.Add(args[i]);
        Positional = positional;
        while (i < args.Count)
        {
            var name = args[i++];
            var values = new List<string>();
            for (; i < args.Count && !IsName(args[i]); i++)
                values.Add(args[i]);
            named[Names.Key(name)] = (name, values.ToArray());
        }
    }

    public IReadOnlyList<string> Args { get; }

    /// <summary>Leading tokens before the first named argument: the invoked targets.</summary>
    public IReadOnlyList<string> Positional { get; }

    public bool Has(string name) => named.ContainsKey(Names.Key(name));

    /// <summary>The values given after --name (empty for a bare switch), or null when absent.</summary>
    public string[]? Values(string name) => named.TryGetValue(Names.Key(name), out var entry) ? entry.Values : null;

    /// <summary>Named arguments as typed, to report ones that match no parameter.</summary>
    public IEnumerable<string> NamesGiven => named.Values.Select(v => v.Name);

    static bool IsName(string token) => token.StartsWith('-') && token.Length > 1;
}
