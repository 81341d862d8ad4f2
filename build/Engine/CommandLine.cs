namespace Engine;

/// <summary>
/// NUKE's argument grammar: leading tokens are targets; a token starting with '-' names an argument whose
/// values are the tokens up to the next '-' token; names ignore dashes and case; the last occurrence wins; a bare
/// '-' is dropped.
/// A path argument (--root, AbsolutePath parameters: <paramref name="takesOneValue"/>) takes one value; tokens
/// after it are targets, so `--root . Tag --skip` invokes Tag (NUKE fails on it instead).
/// </summary>
sealed class CommandLine
{
    readonly Dictionary<string, (string Name, string[] Values)> named = new();

    public CommandLine(IReadOnlyList<string> args, Func<string, bool>? takesOneValue = null)
    {
        Args = args;
        // A bare '-' is neither a name nor a value: NUKE drops it.
        args = args.Where(a => a != "-").ToList();
        var i = 0;
        var positional = new List<string>();
        for (; i < args.Count && !IsName(args[i]); i++)
            positional.Add(args[i]);
        Positional = positional;
        while (i < args.Count)
        {
            var name = args[i++];
            var values = new List<string>();
            var single = takesOneValue?.Invoke(name) == true;
            for (; i < args.Count && !IsName(args[i]) && !(single && values.Count == 1); i++)
                values.Add(args[i]);
            named[Names.Key(name)] = (name, values.ToArray());
            for (; single && i < args.Count && !IsName(args[i]); i++)
                positional.Add(args[i]);
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
